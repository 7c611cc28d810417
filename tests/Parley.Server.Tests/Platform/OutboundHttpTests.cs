using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Outbound;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Platform;

/// <summary>
/// The SSRF guard of <see cref="OutboundHttp"/>: refused address ranges, names that resolve to them, redirects to them,
/// and the AllowedHosts exception. The target is a real HTTP server (Kestrel) on a loopback port that counts the
/// requests it receives, so "refused" means no request reached it.
/// </summary>
public class OutboundHttpTests : IAsyncLifetime
{
    private WebApplication? _target;
    private int _port;
    private readonly ConcurrentDictionary<string, int> _hits = new();

    public async Task InitializeAsync()
    {
        _port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        _target = builder.Build();
        _target.Use(async (http, next) => { _hits.AddOrUpdate(http.Request.Path, 1, (_, n) => n + 1); await next(http); });
        _target.MapGet("/ok", () => "ok");
        _target.MapPost("/echo", async (HttpRequest request) => await new StreamReader(request.Body).ReadToEndAsync());
        _target.MapMethods("/redirect", ["GET", "POST"], (string to, int? status) => Results.Redirect(to, permanent: status == 308, preserveMethod: status is 307 or 308));
        _target.MapGet("/big", () => Results.Text(new string('x', 10_000)));
        _target.MapGet("/slow", async () => { await Task.Delay(3000); return "late"; });
        await _target.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_target is not null) await _target.DisposeAsync();
    }

    private static OutboundHttp Client(params string[] allowedHosts)
    {
        var settings = new Dictionary<string, string?> { ["Parley:Webhooks:TransientRetries"] = "0" };
        for (var i = 0; i < allowedHosts.Length; i++) settings[$"Parley:Webhooks:AllowedHosts:{i}"] = allowedHosts[i];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddOutboundHttp(configuration).BuildServiceProvider().GetRequiredService<OutboundHttp>();
    }

    private string Local(string host, string path) => $"http://{host}:{_port}{path}";

    [Theory]
    [InlineData("127.0.0.1")] [InlineData("127.45.6.7")] [InlineData("0.0.0.0")] [InlineData("10.0.0.1")] [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")] [InlineData("172.31.255.254")] [InlineData("192.168.1.1")] [InlineData("100.64.0.1")] [InlineData("100.127.255.254")]
    [InlineData("169.254.169.254")] [InlineData("169.254.0.1")] [InlineData("224.0.0.251")] [InlineData("239.1.1.1")] [InlineData("255.255.255.255")]
    [InlineData("::1")] [InlineData("::")] [InlineData("fe80::1")] [InlineData("febf::1")] [InlineData("fc00::1")] [InlineData("fd12:3456::1")] [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")] [InlineData("::ffff:10.1.2.3")] [InlineData("::ffff:169.254.169.254")] [InlineData("::ffff:192.168.0.10")]
    [InlineData("::127.0.0.1")] [InlineData("64:ff9b::a9fe:a9fe")] [InlineData("2002:c0a8:101::1")]
    public void IsForbidden_InternalAddress_Refused(string address) =>
        Assert.True(AddressGuard.IsForbidden(IPAddress.Parse(address)), $"{address} is internal and must be refused, or an integration URL could reach it.");

    [Theory]
    [InlineData("8.8.8.8")] [InlineData("1.1.1.1")] [InlineData("172.32.0.1")] [InlineData("172.15.255.255")] [InlineData("100.128.0.1")] [InlineData("192.169.0.1")]
    [InlineData("169.253.1.1")] [InlineData("2606:4700:4700::1111")] [InlineData("2001:db9::1")] [InlineData("::ffff:8.8.8.8")] [InlineData("64:ff9b::808:808")]
    public void IsForbidden_PublicAddress_Allowed(string address) =>
        Assert.False(AddressGuard.IsForbidden(IPAddress.Parse(address)), $"{address} is public; refusing it would break ordinary integrations.");

    [Theory]
    [InlineData("http://127.0.0.1/hook")] [InlineData("http://10.1.2.3/hook")] [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/hook")] [InlineData("http://[::ffff:127.0.0.1]/hook")] [InlineData("http://localhost/hook")] [InlineData("https://192.168.0.1:8443/")]
    public async Task ValidateTargetAsync_InternalTarget_TargetForbidden(string url)
    {
        var e = await Assert.ThrowsAsync<OutboundException>(() => Client().ValidateTargetAsync(url));
        Assert.Equal(OutboundErrorCodes.TargetForbidden, e.Code);
        Assert.Equal(422, e.ToProblem().Status);
    }

    [Theory]
    [InlineData("ftp://example.com/x")] [InlineData("file:///etc/passwd")] [InlineData("not a url")] [InlineData("/relative/path")] [InlineData("http://user:pw@example.com/")] [InlineData("")]
    public async Task ValidateTargetAsync_NotHttpUrl_InvalidTarget(string url)
    {
        var e = await Assert.ThrowsAsync<OutboundException>(() => Client().ValidateTargetAsync(url));
        Assert.Equal(OutboundErrorCodes.InvalidTarget, e.Code);
    }

    [Fact]
    public async Task ValidateTargetAsync_AllowedHostName_Accepted()
    {
        var uri = await Client("localhost").ValidateTargetAsync("http://localhost:8080/hook");
        Assert.Equal("localhost", uri.Host);
    }

    [Fact]
    public async Task SendAsync_NameResolvingToLoopback_RefusedBeforeAnyRequest()
    {
        var e = await Assert.ThrowsAsync<OutboundException>(() => Client().SendAsync(new OutboundRequest(HttpMethod.Get, new Uri(Local("localhost", "/ok")))));
        Assert.Equal(OutboundErrorCodes.TargetForbidden, e.Code);
        Assert.False(_hits.ContainsKey("/ok"), "The guard must refuse at connect time; the loopback server received the request.");
    }

    [Fact]
    public async Task SendAsync_LiteralLoopback_Refused()
    {
        var e = await Assert.ThrowsAsync<OutboundException>(() => Client().SendAsync(new OutboundRequest(HttpMethod.Get, new Uri(Local("127.0.0.1", "/ok")))));
        Assert.Equal(OutboundErrorCodes.TargetForbidden, e.Code);
        Assert.Empty(_hits);
    }

    [Fact]
    public async Task SendAsync_AllowedHostName_ReachesLoopback()
    {
        var response = await Client("localhost").SendAsync(new OutboundRequest(HttpMethod.Post, new Uri(Local("localhost", "/echo"))) { Body = Encoding.UTF8.GetBytes("{\"a\":1}") });
        Assert.Equal(200, response.Status);
        Assert.Equal("{\"a\":1}", response.Text);
    }

    [Fact]
    public async Task SendAsync_AllowedAddress_ReachesLoopbackByAddressOnly()
    {
        var response = await Client("127.0.0.1").SendAsync(new OutboundRequest(HttpMethod.Get, new Uri(Local("127.0.0.1", "/ok"))));
        Assert.Equal("ok", response.Text);
    }

    [Fact]
    public async Task SendAsync_RedirectToRefusedTarget_Refused()
    {
        // localhost is allowed, 127.0.0.1 by address is not: the second hop must be checked on its own.
        var url = Local("localhost", "/redirect?to=" + Uri.EscapeDataString(Local("127.0.0.1", "/ok")));
        var e = await Assert.ThrowsAsync<OutboundException>(() => Client("localhost").SendAsync(new OutboundRequest(HttpMethod.Get, new Uri(url))));
        Assert.Equal(OutboundErrorCodes.TargetForbidden, e.Code);
        Assert.Equal(1, _hits.GetValueOrDefault("/redirect"));
        Assert.False(_hits.ContainsKey("/ok"), "A redirect must not lead past the guard to a refused address.");
    }

    [Fact]
    public async Task SendAsync_RedirectToMetadataAddress_Refused()
    {
        var url = Local("localhost", "/redirect?to=" + Uri.EscapeDataString("http://169.254.169.254/latest/meta-data/"));
        var e = await Assert.ThrowsAsync<OutboundException>(() => Client("localhost").SendAsync(new OutboundRequest(HttpMethod.Get, new Uri(url))));
        Assert.Equal(OutboundErrorCodes.TargetForbidden, e.Code);
    }

    [Fact]
    public async Task SendAsync_PermanentRedirectOfPost_FollowedWithBody()
    {
        var url = Local("localhost", "/redirect?status=308&to=" + Uri.EscapeDataString(Local("localhost", "/echo")));
        var response = await Client("localhost").SendAsync(new OutboundRequest(HttpMethod.Post, new Uri(url)) { Body = Encoding.UTF8.GetBytes("same body") });
        Assert.Equal("same body", response.Text);
    }

    [Fact]
    public async Task SendAsync_RedirectLoop_TooManyRedirects()
    {
        var url = Local("localhost", "/redirect?to=/redirect%3Fto%3D%2Fredirect%253Fto%253D%252Fredirect%25253Fto%25253D%25252Fok");
        var e = await Assert.ThrowsAsync<OutboundException>(() => Client("localhost").SendAsync(new OutboundRequest(HttpMethod.Get, new Uri(url))));
        Assert.Equal(OutboundErrorCodes.TooManyRedirects, e.Code);
    }

    [Fact]
    public async Task SendAsync_BodyOverCap_ResponseTooLarge()
    {
        var e = await Assert.ThrowsAsync<OutboundException>(() =>
            Client("localhost").SendAsync(new OutboundRequest(HttpMethod.Get, new Uri(Local("localhost", "/big"))) { MaxResponseBytes = 1024 }));
        Assert.Equal(OutboundErrorCodes.ResponseTooLarge, e.Code);
    }

    [Fact]
    public async Task SendAsync_SlowTarget_TargetTimeout()
    {
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<OutboundException>(() =>
            Client("localhost").SendAsync(new OutboundRequest(HttpMethod.Get, new Uri(Local("localhost", "/slow"))) { Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Equal(OutboundErrorCodes.TargetTimeout, e.Code);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "The caller's shorter timeout must bound the call.");
    }

    [Fact]
    public void Sign_StandardWebhooksTestVector_Matches()
    {
        // The vector published with the Standard Webhooks reference libraries.
        var signature = WebhookSigner.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            DateTimeOffset.FromUnixTimeSeconds(1614265330), "{\"test\": 2432232314}");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Verify_TamperedOrStale_Refused()
    {
        var secret = WebhookSigner.NewSecret();
        var now = DateTimeOffset.UtcNow;
        var body = Encoding.UTF8.GetBytes("{\"type\":\"message.created\"}");
        var h = WebhookSigner.Headers(secret, "msg_1", now, body);
        Assert.True(WebhookSigner.Verify(secret, "msg_1", h["webhook-timestamp"], body, "v1,bm9wZQ== " + h["webhook-signature"], now));
        Assert.False(WebhookSigner.Verify(secret, "msg_2", h["webhook-timestamp"], body, h["webhook-signature"], now), "Another id must not verify.");
        Assert.False(WebhookSigner.Verify(secret, "msg_1", h["webhook-timestamp"], Encoding.UTF8.GetBytes("{}"), h["webhook-signature"], now), "Another body must not verify.");
        Assert.False(WebhookSigner.Verify(WebhookSigner.NewSecret(), "msg_1", h["webhook-timestamp"], body, h["webhook-signature"], now), "Another secret must not verify.");
        Assert.False(WebhookSigner.Verify(secret, "msg_1", h["webhook-timestamp"], body, h["webhook-signature"], now.AddMinutes(10)), "A stale timestamp must not verify.");
    }
}
