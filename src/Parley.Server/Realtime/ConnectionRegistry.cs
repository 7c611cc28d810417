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
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, LiveConnection>> _byUser = new();
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
        var set = _byUser.GetOrAdd(connection.UserId, _ => new ConcurrentDictionary<string, LiveConnection>());
        set[connection.Context.ConnectionId] = connection;
        return set.Count;
    }

    /// <summary>Returns the user's live connection count on this node after removing.</summary>
    public int Remove(long userId, string connectionId)
    {
        if (_byId.TryRemove(connectionId, out _)) Interlocked.Decrement(ref _total);
        if (!_byUser.TryGetValue(userId, out var set)) return 0;
        set.TryRemove(connectionId, out _);
        if (set.IsEmpty) _byUser.TryRemove(new KeyValuePair<long, ConcurrentDictionary<string, LiveConnection>>(userId, set));
        return set.Count;
    }

    public LiveConnection? Find(string connectionId) => _byId.TryGetValue(connectionId, out var c) ? c : null;

    public IReadOnlyCollection<string> Of(long userId) =>
        _byUser.TryGetValue(userId, out var set) ? set.Keys.ToArray() : [];

    /// <summary>The user's connections here that events of this conversation may reach (a scoped one only its own).</summary>
    public IReadOnlyCollection<string> Of(long userId, long conversationId) =>
        _byUser.TryGetValue(userId, out var set) ? set.Where(kv => kv.Value.Reaches(conversationId)).Select(kv => kv.Key).ToArray() : [];

    public IEnumerable<LiveConnection> ConnectionsOf(long userId) =>
        _byUser.TryGetValue(userId, out var set) ? set.Values : [];

    public int Count(long userId) => _byUser.TryGetValue(userId, out var set) ? set.Count : 0;

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
        _byUser.Select(kv => (kv.Key, kv.Value.Count)).Where(x => x.Count > 0).ToList();
}
