using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;

namespace Parley.Server.Tests.LiveConnections;

/// <summary>
/// The session cache forgets an entry once its TTL has passed (SessionEnforcer sweeps it), so an idle hub connection
/// does not keep its session, user and key in memory for the life of the process.
/// </summary>
public class SessionCacheSweepTests
{
    [Fact]
    public void Sweep_DropsEntriesPastTheirTtl_AndKeepsFreshOnes()
    {
        var cache = new SessionCache();
        cache.Set("old", Session(1), User(7));
        var start = DateTimeOffset.UtcNow;

        cache.Sweep(start); // nothing has aged yet
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("old", out _));

        cache.Sweep(start + SessionCache.Ttl + TimeSpan.FromSeconds(1));
        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet("old", out _));
    }

    [Fact]
    public void Sweep_RunsAtMostOncePerTtl()
    {
        var cache = new SessionCache();
        var later = DateTimeOffset.UtcNow + 2 * SessionCache.Ttl; // every entry cached now has aged by then
        cache.Set("a", Session(1), User(7));
        cache.Sweep(later);
        Assert.Equal(0, cache.Count);
        cache.Set("b", Session(2), User(8));
        cache.Sweep(later + TimeSpan.FromSeconds(1)); // "b" has aged too, but the last sweep was a second ago
        Assert.Equal(1, cache.Count);
        cache.Sweep(later + SessionCache.Ttl);
        Assert.Equal(0, cache.Count);
    }

    private static SessionRecord Session(long id) => new() { Id = id, UserId = 7, ExpiresAt = long.MaxValue };
    private static UserRecord User(long id) => new() { Id = id, Username = "u" + id };
}
