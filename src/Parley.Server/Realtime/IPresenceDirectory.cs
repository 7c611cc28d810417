using System.Collections.Concurrent;

namespace Parley.Server.Realtime;

/// <summary>
/// Where presence lives beyond this node's own connections: declared status ("away"), last seen, and whether the user
/// is connected to another node. One node: in memory (<see cref="LocalPresenceDirectory"/>). Cluster: Redis.
/// </summary>
public interface IPresenceDirectory
{
    /// <summary>This node's connection count for the user changed between zero and non-zero.</summary>
    void LocalChanged(long userId, int localConnections);

    bool OnlineElsewhere(long userId);

    string? Declared(long userId);

    void SetDeclared(long userId, string? status);

    DateTimeOffset? LastSeen(long userId);

    void SetLastSeen(long userId, DateTimeOffset at);
}

public sealed class LocalPresenceDirectory : IPresenceDirectory
{
    private readonly ConcurrentDictionary<long, string> _declared = new();
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastSeen = new();

    public void LocalChanged(long userId, int localConnections)
    {
    }

    public bool OnlineElsewhere(long userId) => false;

    public string? Declared(long userId) => _declared.TryGetValue(userId, out var s) ? s : null;

    public void SetDeclared(long userId, string? status)
    {
        if (status is null) _declared.TryRemove(userId, out _);
        else _declared[userId] = status;
    }

    public DateTimeOffset? LastSeen(long userId) => _lastSeen.TryGetValue(userId, out var t) ? t : null;

    public void SetLastSeen(long userId, DateTimeOffset at) => _lastSeen[userId] = at;
}
