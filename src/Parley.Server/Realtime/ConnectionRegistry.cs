using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Parley.Server.Realtime;

/// <summary>One live hub connection on this node: whose, under which session, until when, and what it watches.</summary>
public sealed class LiveConnection(HubCallerContext context, long userId, long sessionId, long expiresAtMs)
{
    public HubCallerContext Context { get; } = context;
    public long UserId { get; } = userId;
    public long SessionId { get; } = sessionId;
    public long ExpiresAtMs { get; } = expiresAtMs;

    /// <summary>The session's scope (an embedded conversation): only its group, its events and its hub calls.</summary>
    public Platform.Identity.SessionScope? Scope { get; init; }

    /// <summary>Whether an event of this conversation (0: about no conversation) may reach this connection.</summary>
    public bool Reaches(long conversationId) => Scope is not { } s || s.Reaches(conversationId);

    private volatile bool _closed;
    public bool Closed => _closed;

    /// <summary>Users whose presence this connection watches (capped by Parley:Realtime:MaxWatchedPerConnection).</summary>
    public HashSet<long> Watched { get; } = [];

    /// <summary>How many users this connection watches, readable without the set's lock (PresenceWatches sums it over
    /// the user's other connections while holding only this one's lock: nesting two sets' locks could deadlock).</summary>
    public int WatchedCount => Volatile.Read(ref _watchedCount);
    private int _watchedCount;

    /// <summary>Publishes Watched.Count; called under the set's lock after every change.</summary>
    internal void CountWatched() => Volatile.Write(ref _watchedCount, Watched.Count);

    /// <summary>Non-send hub calls in the current one-second window (Parley:Realtime:CallsPerSecond).</summary>
    internal long CallWindow;
    internal int CallsInWindow;

    /// <summary>Ends the connection: later calls are refused and SignalR closes the socket.</summary>
    public void Close()
    {
        _closed = true;
        Context.Abort();
    }
}

/// <summary>
/// This node's live hub connections per user, with the session each was opened under: needed to change their groups
/// when memberships change, to address users, and to close the connections of a session that ended.
/// </summary>
public sealed class ConnectionRegistry
{
    // A user's connections here as a small array replaced whole on every change (copy on write): most users hold one to
    // three, and an array of one costs 32 bytes where a dictionary per user cost about 600 (buckets, locks, counts).
    private readonly ConcurrentDictionary<long, LiveConnection[]> _byUser = new();
    private readonly ConcurrentDictionary<string, LiveConnection> _byId = new();
    private int _total;

    /// <summary>Connections on this node (kept apart: ConcurrentDictionary.Count takes every lock of the table).</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Connections accepted on this node since start (for the metrics' connection rate).</summary>
    public long Opened => Interlocked.Read(ref _opened);
    private long _opened;

    /// <summary>Returns the user's live connection count on this node after adding.</summary>
    public int Add(LiveConnection connection)
    {
        if (_byId.TryAdd(connection.Context.ConnectionId, connection))
        {
            Interlocked.Increment(ref _total);
            Interlocked.Increment(ref _opened);
        }
        else _byId[connection.Context.ConnectionId] = connection;
        return _byUser.AddOrUpdate(connection.UserId, static (_, c) => [c], static (_, set, c) => With(set, c), connection).Length;
    }

    /// <summary>Returns the user's live connection count on this node after removing.</summary>
    public int Remove(long userId, string connectionId)
    {
        if (_byId.TryRemove(connectionId, out _)) Interlocked.Decrement(ref _total);
        // Compare and swap against the array read: a concurrent add or remove of the same user's makes it try again.
        while (_byUser.TryGetValue(userId, out var set))
        {
            var at = IndexOf(set, connectionId);
            if (at < 0) return set.Length;
            if (set.Length == 1)
            {
                if (_byUser.TryRemove(KeyValuePair.Create(userId, set))) return 0;
                continue;
            }
            LiveConnection[] rest = [.. set.AsSpan(0, at), .. set.AsSpan(at + 1)];
            if (_byUser.TryUpdate(userId, rest, set)) return rest.Length;
        }
        return 0;
    }

    /// <summary>The set with this connection in it, replacing one of the same id (a re-registration).</summary>
    private static LiveConnection[] With(LiveConnection[] set, LiveConnection connection)
    {
        var at = IndexOf(set, connection.Context.ConnectionId);
        if (at < 0) return [.. set, connection];
        var replaced = (LiveConnection[])set.Clone();
        replaced[at] = connection;
        return replaced;
    }

    private static int IndexOf(LiveConnection[] set, string connectionId)
    {
        for (var i = 0; i < set.Length; i++)
            if (set[i].Context.ConnectionId == connectionId) return i;
        return -1;
    }

    public LiveConnection? Find(string connectionId) => _byId.TryGetValue(connectionId, out var c) ? c : null;

    public IReadOnlyCollection<string> Of(long userId) =>
        _byUser.TryGetValue(userId, out var set) ? Array.ConvertAll(set, c => c.Context.ConnectionId) : [];

    /// <summary>The user's connections here that events of this conversation may reach (a scoped one only its own).</summary>
    public IReadOnlyCollection<string> Of(long userId, long conversationId) =>
        _byUser.TryGetValue(userId, out var set) ? [.. set.Where(c => c.Reaches(conversationId)).Select(c => c.Context.ConnectionId)] : [];

    public IReadOnlyList<LiveConnection> ConnectionsOf(long userId) =>
        _byUser.TryGetValue(userId, out var set) ? set : [];

    public int Count(long userId) => _byUser.TryGetValue(userId, out var set) ? set.Length : 0;

    /// <summary>Closes the connections opened under these sessions; returns how many.</summary>
    public int CloseSessions(IReadOnlyCollection<long> sessionIds) => CloseWhere(c => sessionIds.Contains(c.SessionId));

    public int CloseUser(long userId) => CloseWhere(c => c.UserId == userId, ConnectionsOf(userId));

    /// <summary>Closes connections whose session has expired; returns how many.</summary>
    public int CloseExpired(long nowMs) => CloseWhere(c => c.ExpiresAtMs <= nowMs);

    private int CloseWhere(Func<LiveConnection, bool> match, IEnumerable<LiveConnection>? among = null)
    {
        var closed = 0;
        foreach (var c in (among ?? _byId.Values).ToList())
        {
            if (c.Closed || !match(c)) continue;
            c.Close();
            closed++;
        }
        return closed;
    }

    /// <summary>Every user with live connections here and how many (cluster mode re-registers them after a Redis restart).</summary>
    public IReadOnlyList<(long UserId, int Connections)> Snapshot() =>
        [.. _byUser.Select(kv => (kv.Key, kv.Value.Length))]; // an empty array is removed, never stored
}
