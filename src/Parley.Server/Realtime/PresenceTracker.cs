using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Realtime;

/// <summary>
/// Presence derived from live connections: online while any connection is open on any node (away when the client says
/// so), offline when the last one closes. Transitions are published as ephemeral presence events, through the cluster
/// bus when there is one, so watchers on every node hear them.
/// </summary>
public sealed class PresenceTracker(ConnectionRegistry connections, IPresenceDirectory directory, IEventSink events)
{
    public void Connected(long userId, string connectionId)
    {
        if (connections.Add(userId, connectionId) != 1) return;
        directory.LocalChanged(userId, 1);
        Announce(userId);
    }

    public void Disconnected(long userId, string connectionId)
    {
        if (connections.Remove(userId, connectionId) != 0) return;
        directory.LocalChanged(userId, 0);
        if (!Online(userId))
        {
            directory.SetDeclared(userId, null);
            directory.SetLastSeen(userId, DateTimeOffset.UtcNow);
        }
        Announce(userId);
    }

    public void Declare(long userId, string status)
    {
        if (status is not (PresenceStatus.Online or PresenceStatus.Away))
            throw ParleyException.Invalid("status", "status must be online or away.");
        var previous = Status(userId);
        directory.SetDeclared(userId, status);
        if (previous != Status(userId)) Announce(userId);
    }

    private bool Online(long userId) => connections.Count(userId) > 0 || directory.OnlineElsewhere(userId);

    public string Status(long userId) =>
        !Online(userId) ? PresenceStatus.Offline : directory.Declared(userId) ?? PresenceStatus.Online;

    public PresenceDto Get(long userId)
    {
        var status = Status(userId);
        return new(userId, status, status != PresenceStatus.Offline ? DateTimeOffset.UtcNow : directory.LastSeen(userId));
    }

    /// <summary>Also used by cluster mode when a dead node's users are found offline.</summary>
    public void Announce(long userId) =>
        events.Publish([new EventDto(EventTypes.Presence, 0, null, new PresenceEventData(userId, Status(userId)), DateTimeOffset.UtcNow)]);
}
