using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Tests.Email;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Service;

/// <summary>
/// Offline replies: an agent's (or the service bot's) message in a service conversation reaches a visitor who gave an
/// e-mail address and has no live hub connection by e-mail — through the real outbox and a real SMTP server process
/// (tests/smtp-server) — at most once per conversation per Parley:Service:OfflineEmail:Interval, in the visitor's language.
/// </summary>
public class VisitorOfflineEmailTests
{
    private static async Task<(TestServer Server, Session Agent, ServiceWidgetDto Widget)> StartAsync(SmtpTestServer smtp, string interval, int perAddress = 20)
    {
        var settings = smtp.Settings();
        settings["Parley:Service:OfflineEmail:MaxPerAddressPerDay"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Parley:Email:PublicUrl"] = "https://chat.example.com";
        settings["Parley:Service:OfflineEmail:Interval"] = interval;
        var server = await TestServer.StartAsync(settings);
        var queue = await ServiceFixture.QueueAsync(server);
        var agent = await ServiceFixture.AgentAsync(server, queue.Id, name: "ann" + Guid.NewGuid().ToString("N")[..6]);
        var widget = await ServiceFixture.WidgetAsync(server, queue.Id);
        return (server, agent, widget);
    }

    private static async Task<VisitorSessionDto> VisitAsync(TestServer server, long widgetId, string name, string email, string language)
    {
        using var anon = server.Client();
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/visitor/sessions") { Content = JsonContent.Create(new CreateVisitorSessionRequest(widgetId, name, email)) };
        req.Headers.Add("Accept-Language", language);
        using var res = await anon.SendAsync(req);
        Assert.True(res.StatusCode == HttpStatusCode.Created, $"the visitor session was refused: {await res.Content.ReadAsStringAsync()}");
        return (await res.Content.ReadFromJsonAsync<VisitorSessionDto>(Json.Options))!;
    }

    private static async Task PostAsync(HttpClient http, long conversationId, string text) =>
        (await http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new SendMessageRequest(text, Guid.NewGuid().ToString("N"), null, null))).EnsureSuccessStatusCode();

    private static async Task<List<SmtpTestServer.Received>> ToAsync(SmtpTestServer smtp, string address) =>
        (await smtp.ReceivedAsync()).Where(m => m.Envelope.To.Contains(address)).ToList();

    [Fact]
    public async Task AgentReplies_VisitorOffline_OneEmailPerIntervalCarryingTheRepliesSince()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        var (server, agent, widget) = await StartAsync(smtp, "00:00:03");
        await using var _ = server;
        var visit = await VisitAsync(server, widget.Id, "Vera <b>", "vera@example.com", "en-GB,en;q=0.9");
        using var visitor = server.Client(visit.Token);
        await PostAsync(visitor, visit.ConversationId, "Is the blue one in stock?");

        (await agent.Http.PostAsync($"/api/v1/service/conversations/{visit.ConversationId}/accept", null)).EnsureSuccessStatusCode();
        var first = await smtp.WaitForAsync(m => m.Envelope.To.Contains("vera@example.com"), "the e-mail for the agent's joining");
        Assert.Equal($"New reply from {widget.Name}", first.Subject);
        Assert.Equal("Vera <b>", Assert.Single(first.To).Name);
        Assert.Contains($"Agent {agent.User.DisplayName} joined", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("blue one", first.Text, StringComparison.Ordinal);
        Assert.Contains($"https://chat.example.com/visitor/{widget.Id}", first.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"https://chat.example.com/visitor/{widget.Id}\">Continue the conversation</a>", first.Html, StringComparison.Ordinal);
        Assert.Contains("Hello Vera &lt;b&gt;,", first.Html, StringComparison.Ordinal);

        // Within the interval: no e-mail, however many replies.
        await PostAsync(agent.Http, visit.ConversationId, "Yes <script>alert(1)</script>, two left.");
        await PostAsync(agent.Http, visit.ConversationId, "Shall I reserve one?");
        await Task.Delay(3500);
        Assert.Single(await ToAsync(smtp, "vera@example.com"));

        // After it: one e-mail with everything the visitor missed since the last one.
        await PostAsync(agent.Http, visit.ConversationId, "It is reserved until Friday.");
        var second = await smtp.WaitForAsync(m => m.Envelope.To.Contains("vera@example.com") && m.Text!.Contains("Friday", StringComparison.Ordinal), "the second e-mail");
        Assert.Contains("two left.", second.Text, StringComparison.Ordinal);
        Assert.Contains("Shall I reserve one?", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("joined", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", second.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", second.Html, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Equal(2, (await ToAsync(smtp, "vera@example.com")).Count);
    }

    [Fact]
    public async Task AgentReply_VisitorConnected_NoEmailUntilGoneThenChinese()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        var (server, agent, widget) = await StartAsync(smtp, "00:00:00");
        await using var _ = server;
        var visit = await VisitAsync(server, widget.Id, "小王", "wang@example.com", "zh-CN,zh;q=0.9");
        var hub = server.Hub(visit.Token);
        await hub.StartAsync();

        (await agent.Http.PostAsync($"/api/v1/service/conversations/{visit.ConversationId}/accept", null)).EnsureSuccessStatusCode();
        await PostAsync(agent.Http, visit.ConversationId, "您好，请问有什么可以帮您？");
        // The subscriber decides when it reads the log (later on PostgreSQL): let it see both while the visitor is here.
        await CaughtUpAsync(server);
        await hub.DisposeAsync();
        await WaitOfflineAsync(agent.Http, visit.UserId);
        await PostAsync(agent.Http, visit.ConversationId, "您的订单已经发货。");

        var mail = await smtp.WaitForAsync(m => m.Envelope.To.Contains("wang@example.com"), "the e-mail after the visitor left");
        Assert.Equal($"{widget.Name} 回复了您的咨询", mail.Subject);
        Assert.Contains("小王，您好：", mail.Text, StringComparison.Ordinal);
        Assert.Contains("您的订单已经发货。", mail.Text, StringComparison.Ordinal);
        Assert.Contains(">继续对话</a>", mail.Html, StringComparison.Ordinal);
        await Task.Delay(500);
        // Interval 0: every offline reply would mail; the join notice and the first reply came while connected.
        Assert.True((await ToAsync(smtp, "wang@example.com")).Count == 1, "a reply posted while the visitor was connected was e-mailed");
    }

    [Fact]
    public async Task OfflineReplies_SameAddressInManyChats_CappedPerDay()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        var (server, agent, widget) = await StartAsync(smtp, "00:00:00", perAddress: 2);
        await using var _ = server;
        // Someone typed a stranger's address into three chats: the relay mails it twice a day, not once per chat.
        for (var i = 0; i < 3; i++)
        {
            var visit = await VisitAsync(server, widget.Id, $"Guest {i}", "stranger@example.com", "en");
            using var visitor = server.Client(visit.Token);
            await PostAsync(visitor, visit.ConversationId, $"question {i}");
            // The agent's joining notice is the one reply of each chat.
            (await agent.Http.PostAsync($"/api/v1/service/conversations/{visit.ConversationId}/accept", null)).EnsureSuccessStatusCode();
            if (i < 2) await smtp.WaitForAsync(m => m.Text!.Contains($"Hello Guest {i},", StringComparison.Ordinal), $"the e-mail of chat {i}");
        }
        // A later chat of another address is mailed: the subscriber handles the log in order, so chat 2 was decided before it.
        var other = await VisitAsync(server, widget.Id, "Other", "other@example.com", "en");
        (await agent.Http.PostAsync($"/api/v1/service/conversations/{other.ConversationId}/accept", null)).EnsureSuccessStatusCode();
        await smtp.WaitForAsync(m => m.Envelope.To.Contains("other@example.com"), "the e-mail of the other address");
        var stranger = await ToAsync(smtp, "stranger@example.com");
        Assert.True(stranger.Count == 2, $"one address got {stranger.Count} offline e-mails with MaxPerAddressPerDay = 2");
        Assert.DoesNotContain(stranger, m => m.Text!.Contains("Hello Guest 2,", StringComparison.Ordinal));
    }

    private static async Task CaughtUpAsync(TestServer server)
    {
        var admin = await server.AdminAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var all = (await admin.Http.GetFromJsonAsync<ListResponse<SubscriberStatusDto>>("/api/v1/admin/subscribers", Json.Options))!.Items;
            if (all.Any(x => x.Name == "service-offline-email" && x.Lag == 0)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the offline e-mail subscriber did not catch up");
            await Task.Delay(100);
        }
    }

    private static async Task WaitOfflineAsync(HttpClient http, long userId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var presence = await http.GetFromJsonAsync<JsonElement>($"/api/v1/presence?userIds={userId}", Json.Options);
            if (!presence.ToString().Contains("online", StringComparison.Ordinal)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the visitor still shows online after leaving");
            await Task.Delay(100);
        }
    }
}
