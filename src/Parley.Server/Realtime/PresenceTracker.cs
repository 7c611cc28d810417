using System.Collections.Concurrent;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Realtime;

/// <summary>
/// Presence derived from live connections: online while any connection is open (away when the client says so),
/// offline when the last one closes. Transitions are published as ephemeral presence events.
/// </summary>
public sealed class PresenceTracker(ConnectionRegistry connections, EventDispatcher dispatcher)
{
    private readonly ConcurrentDictionary<long, string> _declared = new();
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastSeen = new();

    public void Connected(long userId, string connectionId)
    {
        if (connections.Add(userId, connectionId) == 1) Announce(userId);
    }

    public void Disconnected(long userId, string connectionId)
    {
        if (connections.Remove(userId, connectionId) == 0)
        {
            _declared.TryRemove(userId, out _);
            _lastSeen[userId] = DateTimeOffset.UtcNow;
            Announce(userId);
        }
    }

    public void Declare(long userId, string status)
    {
        if (status is not (PresenceStatus.Online or PresenceStatus.Away))
            throw ParleyException.Invalid("status", "status must be online or away.");
        var previous = Status(userId);
        _declared[userId] = status;
        if (previous != Status(userId)) Announce(userId);
    }

    public string Status(long userId) =>
        connections.Count(userId) == 0 ? PresenceStatus.Offline : _declared.GetValueOrDefault(userId, PresenceStatus.Online);

    public PresenceDto Get(long userId) =>
        new(userId, Status(userId), connections.Count(userId) > 0 ? DateTimeOffset.UtcNow : _lastSeen.TryGetValue(userId, out var t) ? t : null);

    private void Announce(long userId) =>
        dispatcher.Publish([new EventDto(EventTypes.Presence, 0, null, new PresenceEventData(userId, Status(userId)), DateTimeOffset.UtcNow)]);
}
