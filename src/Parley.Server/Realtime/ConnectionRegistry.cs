using System.Collections.Concurrent;

namespace Parley.Server.Realtime;

/// <summary>This node's live hub connections per user: needed to change their groups when memberships change.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, byte>> _byUser = new();

    /// <summary>Returns the user's live connection count on this node after adding.</summary>
    public int Add(long userId, string connectionId)
    {
        var set = _byUser.GetOrAdd(userId, _ => new ConcurrentDictionary<string, byte>());
        set[connectionId] = 0;
        return set.Count;
    }

    /// <summary>Returns the user's live connection count on this node after removing.</summary>
    public int Remove(long userId, string connectionId)
    {
        if (!_byUser.TryGetValue(userId, out var set)) return 0;
        set.TryRemove(connectionId, out _);
        if (set.IsEmpty) _byUser.TryRemove(new KeyValuePair<long, ConcurrentDictionary<string, byte>>(userId, set));
        return set.Count;
    }

    public IReadOnlyCollection<string> Of(long userId) =>
        _byUser.TryGetValue(userId, out var set) ? set.Keys.ToArray() : [];

    public int Count(long userId) => _byUser.TryGetValue(userId, out var set) ? set.Count : 0;

    /// <summary>Every user with live connections here and how many (cluster mode re-registers them after a Redis restart).</summary>
    public IReadOnlyList<(long UserId, int Connections)> Snapshot() =>
        _byUser.Select(kv => (kv.Key, kv.Value.Count)).Where(x => x.Count > 0).ToList();
}
