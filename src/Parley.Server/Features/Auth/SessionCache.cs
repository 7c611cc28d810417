using System.Collections.Concurrent;
using Parley.Server.Features.Users;

namespace Parley.Server.Features.Auth;

/// <summary>
/// Token → session lookups are on every request and hub connect, so a validated session is kept for a
/// short time. Logout, revocation and deactivation evict it here at once, and in cluster mode on every other node
/// through Redis; the TTL bounds how long a node that missed that message may still accept a revoked token.
/// </summary>
public sealed class SessionCache
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    public sealed record Entry(SessionRecord Session, UserRecord User, DateTimeOffset CachedAt);

    public bool TryGet(string key, out Entry entry)
    {
        if (_entries.TryGetValue(key, out entry!) && DateTimeOffset.UtcNow - entry.CachedAt < Ttl) return true;
        return false;
    }

    public void Set(string key, SessionRecord session, UserRecord user) => _entries[key] = new Entry(session, user, DateTimeOffset.UtcNow);

    /// <summary>Entries held now (the count takes every lock of the table: for tests and the sweep, not for requests).</summary>
    internal int Count => _entries.Count;

    /// <summary>Most entries kept between sweeps; beyond it the sweep drops them all (each is one lookup to read again).</summary>
    private const int MaxEntries = 100_000;

    private long _nextSweepTicks;

    /// <summary>
    /// Drops entries past their TTL, at most once per TTL (SessionEnforcer calls it on its tick). Without it a
    /// session stays cached long after it was last used: every idle hub connection kept its token's key, session and
    /// user (~0.5 KB) for the life of the process.
    /// </summary>
    public void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + Ttl).UtcTicks, next) != next) return;
        foreach (var kv in _entries)
            if (now - kv.Value.CachedAt >= Ttl) _entries.TryRemove(kv); // only this entry: one cached since stays
        if (_entries.Count > MaxEntries) _entries.Clear();
    }

    /// <summary>Raised on every eviction made here, so cluster mode can tell the other nodes (session ids, or a user id).</summary>
    public event Action<long[]?, long?, bool>? Evicted;

    /// <summary>Raised on every eviction, wherever it came from: the sessions ended (ids, or all of a user's), so their hub connections close.</summary>
    public event Action<IReadOnlyCollection<long>?, long?>? Ended;

    public void EvictSessions(IEnumerable<long> sessionIds, bool broadcast = true)
    {
        var ids = sessionIds.ToHashSet();
        if (ids.Count == 0) return;
        foreach (var kv in _entries) if (ids.Contains(kv.Value.Session.Id)) _entries.TryRemove(kv.Key, out _);
        Ended?.Invoke(ids, null);
        if (broadcast) Evicted?.Invoke([.. ids], null, true);
    }

    /// <summary>
    /// Drops the user's cached sessions. <paramref name="ended"/>: all their sessions ended (deactivation, password
    /// reset), so their hub connections close; otherwise only the cached user changed (name, roles) and is read again.
    /// </summary>
    public void EvictUser(long userId, bool broadcast = true, bool ended = true)
    {
        foreach (var kv in _entries) if (kv.Value.User.Id == userId) _entries.TryRemove(kv.Key, out _);
        if (ended) Ended?.Invoke(null, userId);
        if (broadcast) Evicted?.Invoke(null, userId, ended);
    }
}
