using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;
using static Parley.Server.Tests.Service.ServiceFixture;

namespace Parley.Server.Tests.Service;

/// <summary>The per-address limits of the anonymous customer-service endpoints (a server of its own: the counters are per process).</summary>
public sealed class ServiceLimitsTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Service:SessionsPerMinutePerAddress"] = "2",
        ["Parley:Service:PublicRequestsPerMinute"] = "3",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OneAddress_OverItsLimits_Gets429_WhatEverTheWidget()
    {
        var first = await WidgetAsync(_server, null);
        var second = await WidgetAsync(_server, null);
        using var anon = _server.Client();
        var sessions = new List<HttpStatusCode>();
        await RateWindows.ClearOfMinuteBoundaryAsync();
        foreach (var widget in new[] { first, second, second })
        {
            using var res = await anon.PostAsJsonAsync("/api/v1/visitor/sessions", new CreateVisitorSessionRequest(widget.Id));
            sessions.Add(res.StatusCode);
        }
        Assert.True(sessions.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests]),
            "Parley:Service:SessionsPerMinutePerAddress=2 should refuse the third chat from one address, on any widget: " + string.Join(", ", sessions.Select(s => (int)s)));

        var reads = new List<HttpStatusCode>();
        await RateWindows.ClearOfMinuteBoundaryAsync();
        for (var i = 0; i < 4; i++)
        {
            using var res = await anon.GetAsync($"/api/v1/service/widgets/{first.Id}/public");
            reads.Add(res.StatusCode);
            if (res.StatusCode == HttpStatusCode.TooManyRequests) Assert.True(res.Headers.RetryAfter is not null, "a 429 says when to try again");
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], reads);
    }
}
