using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Platform.Email;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Email;

/// <summary>
/// Outgoing e-mail (Platform/Email) end to end: the real server queues into email_outbox and its worker hands the
/// message over SMTP (MailKit) to a real SMTP server process (tests/smtp-server: the smtp-server and mailparser
/// packages), which parses it independently of MimeKit.
/// </summary>
public class EmailTests
{
    private static async Task<long> QueueTestAsync(HttpClient admin, string to)
    {
        var res = await admin.PostAsJsonAsync("/api/v1/admin/email/test", new SendTestEmailRequest(to));
        Assert.True(res.StatusCode == HttpStatusCode.Accepted, $"queueing the test e-mail answered {res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return (await res.Content.ReadFromJsonAsync<EmailQueuedDto>(Json.Options))!.Id;
    }

    private static async Task<(string Status, long Attempts)> RowAsync(TestServer server, long id)
    {
        await using var c = await server.Services.GetRequiredService<Database>().OpenAsync();
        return await c.QuerySingleAsync<(string, long)>("SELECT status, attempts FROM email_outbox WHERE id = @id", new { id });
    }

    [Fact]
    public async Task TestEndpoint_RealSmtpServerWithAuth_DeliversFromToSubjectTextAndHtml()
    {
        await using var smtp = new SmtpTestServer("relay-user", "relay-secret");
        await smtp.StartAsync();
        await using var server = await TestServer.StartAsync(smtp.Settings());
        var admin = await server.AdminAsync();

        var id = await QueueTestAsync(admin.Http, "ops@example.com");

        var mail = await smtp.WaitForAsync(m => m.Subject == "Parley test message", "the test e-mail");
        Assert.Equal("relay-user", mail.User);
        Assert.Equal("noreply@parley.test", mail.Envelope.From);
        Assert.Equal(["ops@example.com"], mail.Envelope.To);
        Assert.Equal(new SmtpTestServer.Mailbox("noreply@parley.test", "Parley Support"), mail.From);
        Assert.Equal("ops@example.com", Assert.Single(mail.To).Address);
        Assert.Contains("Parley's outgoing e-mail works", mail.Text, StringComparison.Ordinal);
        Assert.Contains("外发邮件工作正常", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<p>This is a test message from Parley.", mail.Html, StringComparison.Ordinal);
        Assert.EndsWith("@parley.test>", mail.MessageId, StringComparison.Ordinal);
        await WaitAsync(async () => (await RowAsync(server, id)).Status == "sent", "the outbox row to be marked sent");
        Assert.Single(await smtp.ReceivedAsync());
    }

    [Fact]
    public async Task Queue_SmtpServerDown_RetriedAndDeliveredOnceItComesUp()
    {
        await using var smtp = new SmtpTestServer();
        await using var server = await TestServer.StartAsync(smtp.Settings());
        var admin = await server.AdminAsync();

        var id = await QueueTestAsync(admin.Http, "late@example.com");
        await WaitAsync(async () => (await RowAsync(server, id)).Attempts >= 2, "two refused attempts while the relay is down");
        Assert.Equal("pending", (await RowAsync(server, id)).Status);

        await smtp.StartAsync();
        var mail = await smtp.WaitForAsync(m => m.Envelope.To.Contains("late@example.com"), "the e-mail after the relay came up");
        Assert.Equal("Parley test message", mail.Subject);
        await WaitAsync(async () => (await RowAsync(server, id)).Status == "sent", "the outbox row to be marked sent");
    }

    [Fact]
    public async Task Queue_ServerKilledWhileRelayDown_DeliveredAfterRestart()
    {
        await using var smtp = new SmtpTestServer();
        await using var server = new ServerProcess();
        var settings = smtp.Settings();
        // The restarted process is a new node: it waits out the dead one's "email-sender" lease.
        settings["Parley:Email:LeaseDuration"] = "00:00:03";
        var args = settings.Where(kv => kv.Value is not null).Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        await server.StartAsync(args);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var setup = await http.PostAsJsonAsync("/api/v1/setup", new SetupRequest("admin", TestServer.AdminPassword, null));
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await setup.Content.ReadFromJsonAsync<LoginResponse>())!.Token);

        await QueueTestAsync(http, "durable@example.com");
        await Task.Delay(500); // a refused attempt or two while the relay is down
        server.Kill();
        await smtp.StartAsync();
        await server.StartAsync(args);

        var mail = await smtp.WaitForAsync(m => m.Envelope.To.Contains("durable@example.com"), "the e-mail queued before the SIGKILL", seconds: 30);
        Assert.Equal("Parley test message", mail.Subject);
    }

    [Fact]
    public async Task Queue_LineBreaksInSubjectAndName_NoHeaderInjected()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        await using var server = await TestServer.StartAsync(smtp.Settings());
        var email = server.Services.GetRequiredService<IEmailSender>();

        await email.QueueAsync(new EmailMessage("victim@example.com", "Eve\r\nX-Injected: yes", "Hello\r\nBcc: thief@example.com\n\nbody", ["text"]));

        var mail = await smtp.WaitForAsync(m => m.Envelope.To.Contains("victim@example.com"), "the e-mail");
        Assert.True(mail.Envelope.To.SequenceEqual(["victim@example.com"]), "a Bcc smuggled through the subject added a recipient: " + string.Join(",", mail.Envelope.To));
        Assert.DoesNotContain(mail.HeaderLines, h => h.Key is "bcc" or "x-injected");
        Assert.Equal("Hello Bcc: thief@example.com body", mail.Subject);
        Assert.Equal("Eve X-Injected: yes", Assert.Single(mail.To).Name);
        Assert.Throws<ArgumentException>(() => new EmailMessage("a@example.com\r\nBcc: b@example.com", null, "s", ["t"]));
        Assert.Throws<ArgumentException>(() => new EmailMessage("Eve <a@example.com>", null, "s", ["t"]));
    }

    [Fact]
    public async Task Queue_ScriptInText_HtmlPartEscapesIt()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        await using var server = await TestServer.StartAsync(smtp.Settings());
        var email = server.Services.GetRequiredService<IEmailSender>();

        await email.QueueAsync(new EmailMessage("reader@example.com", null, "<b>Subject</b>",
            ["Hi <script>alert(1)</script> & \"you\"", "line one\nline two"], new EmailLink("Open <chat>", "https://chat.example.com/visitor/7?a=1&b=\"x\"")));

        var mail = await smtp.WaitForAsync(m => m.Envelope.To.Contains("reader@example.com"), "the e-mail");
        Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<chat>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;you&quot;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("line one<br>line two", mail.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://chat.example.com/visitor/7?a=1&amp;b=%22x%22\">Open &lt;chat&gt;</a>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Hi <script>alert(1)</script> & \"you\"", mail.Text, StringComparison.Ordinal);
        Assert.Equal("<b>Subject</b>", mail.Subject);
    }

    [Fact]
    public async Task TestEndpoint_EmailOffOrBadAddress_RefusedWithProblemCodes()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.AdminAsync();
        Assert.IsType<DisabledEmailSender>(server.Services.GetRequiredService<IEmailSender>());

        var off = await admin.Http.PostAsJsonAsync("/api/v1/admin/email/test", new SendTestEmailRequest("ops@example.com"));
        Assert.Equal(HttpStatusCode.Conflict, off.StatusCode);
        Assert.Equal(EmailErrorCodes.Disabled, (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var bad = await admin.Http.PostAsJsonAsync("/api/v1/admin/email/test", new SendTestEmailRequest("ops@example.com\r\nBcc: x@example.com"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await using var c = await server.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM email_outbox"));
    }

    [Theory]
    [InlineData("smtp.example.com", null, "From must be")]
    [InlineData("smtp.example.com", "not an address", "From must be")]
    [InlineData("smtp example.com", "a@example.com", "SmtpHost must be")]
    public void Options_HostWithoutValidSender_RefusedAtStartUp(string host, string? from, string message)
    {
        var result = new EmailOptionsValidation().Validate(null, new EmailOptions { SmtpHost = host, From = from });
        Assert.True(result.Failed, "a relay without a valid sender address must stop the start-up");
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new EmailOptionsValidation().Validate(null, new EmailOptions()).Succeeded, "no host: e-mail is off, which is valid");
    }

    private static async Task WaitAsync(Func<Task<bool>> done, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
