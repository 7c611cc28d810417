using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Operations;

public class MetricsTests
{
    private static async Task<MetricsText> ScrapeAsync(TestServer server)
    {
        using var anon = server.Client();
        using var res = await anon.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.StartsWith("text/plain", res.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return new MetricsText(await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_FromLoopback_CountersMoveWhenAMessageIsSentAndPushed()
    {
        await using var server = await TestServer.StartAsync();
        var alice = await server.UserAsync();
        var bob = await server.UserAsync();
        var dm = await alice.CreateAsync(ConversationKinds.Direct, null, bob.Id);
        await using var hub = server.Hub(bob.Token);
        var got = new TaskCompletionSource<EventDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<EventDto>(HubNames.Event, e => { if (e.Type == EventTypes.MessageCreated) got.TrySetResult(e); });
        await hub.StartAsync();

        var before = await ScrapeAsync(server);
        await alice.SendAsync(dm.Id, "hello metrics", "m-1");
        await alice.SendAsync(dm.Id, "hello metrics", "m-1"); // a retry of the same clientMsgId is not a second message
        await got.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using (var catchUp = await bob.Http.GetAsync($"/api/v1/conversations/{dm.Id}/events?afterSeq=0")) catchUp.EnsureSuccessStatusCode();
        using (var missing = await bob.Http.GetAsync("/api/v1/conversations/999999/messages")) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var after = await ScrapeAsync(server);

        Assert.Equal(1, after.Value("parley_messages_accepted_total") - before.Value("parley_messages_accepted_total"));
        Assert.True(after.Value("parley_deliveries_pushed_total", "target=\"conversation\"") > Zero(before.Value("parley_deliveries_pushed_total", "target=\"conversation\"")),
            "the pushed message.created must be counted as a delivery to its conversation group");
        Assert.Equal(1, after.Value("parley_hub_connections"));
        Assert.True(after.Value("parley_writer_batch_size_count") > before.Value("parley_writer_batch_size_count"));
        Assert.True(after.Value("parley_writer_commit_seconds_count") > before.Value("parley_writer_commit_seconds_count"));
        Assert.Equal(0, after.Value("parley_writer_queue_depth"));
        Assert.Equal(1, after.Value("parley_catchup_total", "outcome=\"complete\""));
        Assert.True(after.Value("parley_http_requests_total", "route=\"/api/v1/conversations/{id:long}/messages\"", "method=\"POST\"", "status=\"201\"") >= 2);
        Assert.True(after.Value("parley_errors_total", "code=\"not_found\"", "transport=\"http\"") >= 1);
        Assert.Equal(1, after.Value("parley_dependency_up", "dependency=\"database\""));
        Assert.False(double.IsNaN(after.Value("parley_file_bytes_stored")));
        Assert.True(after.Value("parley_build_info") == 1);
        Assert.True(after.Has("dotnet_collection_count_total") || after.Has("process_cpu_seconds_total"), ".NET runtime metrics must be exported");
        Assert.True(Zero(after.Value("parley_scrape_probe_failures_total")) == 0, "every scrape-time probe (health, subscriber lag, files) must succeed:\n" + after.Text);
    }

    [Fact]
    public async Task DashboardAndAlertRules_NameOnlyFamiliesTheServerExports()
    {
        await using var server = await TestServer.StartAsync();
        var text = (await ScrapeAsync(server)).Text;
        var files = new[] { "deploy/grafana/parley-dashboard.json", "deploy/prometheus/parley-alerts.yml" };
        foreach (var file in files)
        {
            var content = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), file));
            var names = System.Text.RegularExpressions.Regex.Matches(content, @"\bparley_[a-z_]+").Select(m => m.Value)
                .Select(n => System.Text.RegularExpressions.Regex.Replace(n, "_(bucket|sum|count)$", "")).Distinct().ToList();
            Assert.NotEmpty(names);
            foreach (var name in names)
                Assert.True(text.Contains("# TYPE " + name + " ", StringComparison.Ordinal), $"{file} uses {name}, which /metrics does not export");
        }
    }

    [Fact]
    public async Task HubWebSocket_IsNotTimedAsAnHttpRequest_ItsNegotiateIs()
    {
        await using var server = await TestServer.StartAsync();
        var bob = await server.UserAsync();
        await using (var hub = server.Hub(bob.Token))
        {
            await hub.StartRegisteredAsync();
            Assert.Equal(1, (await ScrapeAsync(server)).Value("parley_hub_connections"));
            await hub.StopAsync();
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await ScrapeAsync(server)).Value("parley_hub_connections") != 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(500); // the socket's request unwinds after the hub has let the connection go

        var after = await ScrapeAsync(server);
        Assert.Equal(0, after.Value("parley_hub_connections"));
        Assert.True(after.Value("parley_http_requests_total", "route=\"/api/v1/hub/negotiate\"", "method=\"POST\"", "status=\"200\"") >= 1);
        // A connection's lifetime is not a request duration: the WebSocket request has no series of its own.
        Assert.True(double.IsNaN(after.Value("parley_http_requests_total", "route=\"/api/v1/hub\"")), after.Text);
        Assert.True(double.IsNaN(after.Value("parley_http_request_duration_seconds_count", "route=\"/api/v1/hub\"")));
    }

    private static double Zero(double v) => double.IsNaN(v) ? 0 : v;

    [Fact]
    public async Task Metrics_ThroughAnUntrustedProxy_AreRefused_UnlessTheBearerTokenIsSent()
    {
        const string token = "scrape-token-0123456789";
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Metrics:BearerToken"] = token });
        using var client = server.Client();

        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var refused = await client.SendAsync(proxied);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("forbidden", (await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString());

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Add("X-Forwarded-For", "203.0.113.9");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
        using var wrongRes = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRes.StatusCode);

        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        withToken.Headers.Add("X-Forwarded-For", "203.0.113.9");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var ok = await client.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Metrics_FromANonLoopbackClient_AreRefused_UnlessItsNetworkIsAllowed()
    {
        // The loopback test client stands behind a trusted proxy (127.0.0.1), so the server sees the forwarded address.
        var trusted = new Dictionary<string, string?> { ["Parley:Proxy:KnownProxies:0"] = "127.0.0.1" };
        await using (var server = await TestServer.StartAsync(trusted))
            Assert.Equal(HttpStatusCode.Forbidden, await ScrapeFromAsync(server, "203.0.113.9"));

        await using (var server = await TestServer.StartAsync(new Dictionary<string, string?>(trusted) { ["Parley:Metrics:AllowedNetworks:0"] = "203.0.113.0/24" }))
        {
            Assert.Equal(HttpStatusCode.OK, await ScrapeFromAsync(server, "203.0.113.9"));
            Assert.Equal(HttpStatusCode.Forbidden, await ScrapeFromAsync(server, "198.51.100.7"));
        }
    }

    private static async Task<HttpStatusCode> ScrapeFromAsync(TestServer server, string clientAddress)
    {
        using var client = server.Client();
        using var req = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        req.Headers.Add("X-Forwarded-For", clientAddress);
        using var res = await client.SendAsync(req);
        return res.StatusCode;
    }

    [Fact]
    public async Task MetricsOptions_AMalformedNetwork_FailsStartUp()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Metrics:AllowedNetworks:0"] = "10.0.0.0/99" }));
        Assert.Contains("AllowedNetworks", ex.ToString(), StringComparison.Ordinal);
    }
}
