using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Parley.Server.Common;
using Parley.Server.Platform.Identity;
using Parley.Server.Realtime;

namespace Parley.Server.Tests.LiveConnections;

/// <summary>
/// The node's table of live hub connections (per user, copy on write) and the presence watches kept on them, driven
/// directly: the hub tests cover them through real connections; these pin the edge cases a hub run rarely hits
/// (re-registration, removal races, two connections of one user watching at once).
/// </summary>
public class ConnectionRegistryTests
{
    [Fact]
    public void Add_And_Remove_KeepEachUsersConnections()
    {
        var registry = new ConnectionRegistry();
        Assert.Equal(1, registry.Add(Live("a", 1)));
        Assert.Equal(2, registry.Add(Live("b", 1)));
        Assert.Equal(1, registry.Add(Live("c", 2)));
        Assert.Equal(3, registry.Total);
        Assert.Equal(["a", "b"], registry.Of(1).Order());
        Assert.Equal([(1L, 2), (2L, 1)], registry.Snapshot().Order());

        Assert.Equal(1, registry.Remove(1, "a"));
        Assert.Equal(["b"], registry.Of(1));
        Assert.Equal(1, registry.Remove(1, "a")); // already gone: nothing changes
        Assert.Equal(0, registry.Remove(1, "b"));
        Assert.Equal(0, registry.Count(1));
        Assert.Empty(registry.Of(1));
        Assert.Equal([(2L, 1)], registry.Snapshot());
        Assert.Equal(1, registry.Total);
        Assert.Null(registry.Find("a"));
        Assert.NotNull(registry.Find("c"));
    }

    [Fact]
    public void Adding_TheSameConnectionAgain_ReplacesIt()
    {
        var registry = new ConnectionRegistry();
        registry.Add(Live("a", 1));
        var again = Live("a", 1, sessionId: 9);
        Assert.Equal(1, registry.Add(again));
        Assert.Equal(1, registry.Total);
        Assert.Same(again, Assert.Single(registry.ConnectionsOf(1)));
        Assert.Same(again, registry.Find("a"));
    }

    [Fact]
    public void A_ScopedConnection_IsReachedOnlyByItsConversation()
    {
        var registry = new ConnectionRegistry();
        registry.Add(Live("full", 1));
        registry.Add(Live("embed", 1, scope: SessionScope.ForConversation(7)));
        Assert.Equal(["embed", "full"], registry.Of(1, 7).Order());
        Assert.Equal(["full"], registry.Of(1, 8));
    }

    [Fact]
    public async Task ConcurrentAddsAndRemoves_OfOneUser_LoseNothing()
    {
        var registry = new ConnectionRegistry();
        // Eight threads each open 500 connections of the same user and close every other one, all at once.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                registry.Add(Live($"{t}-{i}", 1));
                if (i % 2 == 1) registry.Remove(1, $"{t}-{i - 1}");
            }
        })));
        var expected = Enumerable.Range(0, 8).SelectMany(t => Enumerable.Range(0, 250).Select(i => $"{t}-{2 * i + 1}")).Order();
        Assert.Equal(expected, registry.Of(1).Order());
        Assert.Equal(2000, registry.Count(1));
        Assert.Equal(2000, registry.Total);
    }

    [Fact]
    public void Watches_AreBoundedPerConnection_AndPerUser()
    {
        var (registry, watches) = Watches(perConnection: 3, perUser: 4);
        registry.Add(Live("a", 1));
        registry.Add(Live("b", 1));
        Assert.Equal([10L, 11, 12], watches.Watch("a", 1, [10, 11, 12, 10]));
        var tooMany = Assert.Throws<ParleyException>(() => watches.Watch("a", 1, [13]));
        Assert.Equal(409, tooMany.Status);
        Assert.Equal([20L], watches.Watch("b", 1, [20]));
        Assert.Throws<ParleyException>(() => watches.Watch("b", 1, [21])); // 3 + 2 > 4 over the user's connections
        Assert.Equal([10L], watches.Unwatch("a", [10, 99]));
        Assert.Equal([21L], watches.Watch("b", 1, [21]));
    }

    [Fact]
    public async Task TwoConnectionsOfOneUser_WatchingAtOnce_BothFinish()
    {
        // Each call holds its own connection's set while it counts the other's: taking the other's lock there could
        // deadlock two calls; reading its published count cannot.
        var (registry, watches) = Watches(perConnection: 100_000, perUser: 200_000);
        registry.Add(Live("a", 1));
        registry.Add(Live("b", 1));
        var both = Task.WhenAll(new[] { "a", "b" }.Select(id => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++) watches.Watch(id, 1, [i]);
        })));
        Assert.Same(both, await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(60))));
        await both;
        Assert.All(registry.ConnectionsOf(1), c => Assert.Equal(20_000, c.WatchedCount));
    }

    private static (ConnectionRegistry, PresenceWatches) Watches(int perConnection, int perUser)
    {
        var registry = new ConnectionRegistry();
        var options = Options.Create(new RealtimeOptions { MaxWatchedPerConnection = perConnection, MaxWatchedPerUser = perUser });
        return (registry, new PresenceWatches(registry, options));
    }

    private static LiveConnection Live(string id, long userId, long sessionId = 1, SessionScope? scope = null) =>
        new(new Caller(id), userId, sessionId, long.MaxValue) { Scope = scope };

    /// <summary>The hub's per-connection context as the registry uses it: its id, and Abort.</summary>
    private sealed class Caller(string id) : HubCallerContext
    {
        public override string ConnectionId => id;
        public override string? UserIdentifier => null;
        public override System.Security.Claims.ClaimsPrincipal? User => null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;
        public override void Abort() { }
    }
}
