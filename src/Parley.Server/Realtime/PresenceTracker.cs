using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Users;
using Parley.Server.Storage;

namespace Parley.Server.Realtime;

/// <summary>
/// Presence derived from live connections: online while any connection is open on any node (away when the client says
/// so), offline when the last one closes. Transitions are published as ephemeral presence events, through the cluster
/// bus when there is one, so watchers on every node hear them.
/// </summary>
public sealed class PresenceTracker(ConnectionRegistry connections, IPresenceDirectory directory, IEventBus events, UserStore users)
{
    public async Task ConnectedAsync(LiveConnection connection)
    {
        var userId = connection.UserId;
        if (connections.Add(connection) != 1) return;
        directory.LocalChanged(userId, 1);
        await AnnounceAsync(userId);
    }

    public async Task DisconnectedAsync(long userId, string connectionId)
    {
        if (connections.Remove(userId, connectionId) != 0) return;
        directory.LocalChanged(userId, 0);
        var stored = (await directory.ReadAsync([userId]))[0];
        if (!stored.OnlineElsewhere)
        {
            directory.SetDeclared(userId, null);
            directory.SetLastSeen(userId, DateTimeOffset.UtcNow);
            Publish(userId, PresenceStatus.Offline);
            return;
        }
        Publish(userId, stored.Declared ?? PresenceStatus.Online);
    }

    public async Task DeclareAsync(long userId, string status)
    {
        if (status is not (PresenceStatus.Online or PresenceStatus.Away))
            throw ParleyException.Invalid("status", "status must be online or away.");
        var previous = (await GetManyAsync([userId]))[0].Status;
        directory.SetDeclared(userId, status);
        // Declaring is done over a live connection, so the user is online and now shows the declared status.
        if (previous != status) Publish(userId, status);
    }

    /// <summary>
    /// The ids among these that are users, in the order asked. Presence is answered and watched only for them: an id
    /// that is no one used to be reported "offline" (a claim about a user who does not exist) and got a hub group.
    /// </summary>
    public async Task<IReadOnlyList<long>> KnownUsersAsync(IReadOnlyList<long> userIds)
    {
        var existing = await users.ExistingAsync(userIds);
        return userIds.Where(existing.Contains).ToList();
    }

    /// <summary>Presence of each user, in the order asked; one directory round trip for all of them.</summary>
    public async Task<IReadOnlyList<PresenceDto>> GetManyAsync(IReadOnlyList<long> userIds)
    {
        var stored = await directory.ReadAsync(userIds);
        var now = DateTimeOffset.UtcNow;
        return userIds.Select((id, i) =>
        {
            var status = StatusOf(id, stored[i]);
            return new PresenceDto(id, status, status != PresenceStatus.Offline ? now : stored[i].LastSeen);
        }).ToList();
    }

    /// <summary>Also used by cluster mode when a dead node's users are found offline.</summary>
    public async Task AnnounceAsync(long userId) => Publish(userId, (await GetManyAsync([userId]))[0].Status);

    private string StatusOf(long userId, StoredPresence stored) =>
        connections.Count(userId) == 0 && !stored.OnlineElsewhere ? PresenceStatus.Offline : stored.Declared ?? PresenceStatus.Online;

    private void Publish(long userId, string status) =>
        events.Publish([new EventDto(EventTypes.Presence, 0, null, new PresenceEventData(userId, status), DateTimeOffset.UtcNow)]);
}
