using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Parley.Contracts;

namespace Parley.Server.Realtime;

/// <summary>
/// Pushes events to this node's connections, in the order handed over. Called by a bus after commit (never before:
/// push is an accelerator, the log is the truth). It only enqueues, so the writer never waits on a slow socket; a
/// background loop sends each conversation event once to its conversation group, which SignalR serialises once per
/// protocol for all members, and each user-addressed event once to the users' connections on this node.
/// </summary>
public sealed class EventDispatcher(IHubContext<ParleyHub> hub, ConnectionRegistry connections, ILogger<EventDispatcher> logger,
    Operations.Metrics.ParleyMetrics metrics)
    : BackgroundService, ILocalDelivery
{
    private readonly record struct Delivery(EventDto Event, IReadOnlyCollection<long>? Users);

    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });

    public void Deliver(IReadOnlyList<EventDto> events)
    {
        foreach (var e in events) _queue.Writer.TryWrite(new Delivery(e, null));
    }

    public void DeliverToUsers(IReadOnlyCollection<long> userIds, EventDto evt) => _queue.Writer.TryWrite(new Delivery(evt, userIds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var d in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (d.Users is { } users) await DispatchToUsersAsync(users, d.Event);
                else await DispatchAsync(d.Event);
            }
            catch (Exception ex)
            {
                // A failed push is recovered by the client's catch-up; never let it stop the loop.
                metrics.DeliveryFailures.Inc();
                logger.LogWarning(ex, "Pushing {Type} for conversation {ConversationId} failed", d.Event.Type, d.Event.ConversationId);
            }
        }
    }

    private async Task DispatchToUsersAsync(IReadOnlyCollection<long> users, EventDto e)
    {
        // A scoped (embedded) connection hears only what is about its conversation.
        var ids = users.SelectMany(u => connections.Of(u, e.ConversationId)).ToList();
        if (ids.Count == 0) return;
        await hub.Clients.Clients(ids).SendAsync(HubNames.Event, e);
        metrics.DeliveredToUsers.Inc();
    }

    private async Task DispatchAsync(EventDto e)
    {
        switch (e.Type)
        {
            case EventTypes.Resync:
                await hub.Clients.All.SendAsync(HubNames.Event, e);
                metrics.DeliveredToAll.Inc();
                return;
            case EventTypes.Presence when e.Data is PresenceEventData p:
                await hub.Clients.Group(HubGroups.PresenceOf(p.UserId)).SendAsync(HubNames.Event, e);
                metrics.DeliveredToWatchers.Inc();
                return;
            case EventTypes.Typing when e.Data is TypingEventData t:
                // The typist's own connections are not told about their own typing.
                await hub.Clients.GroupExcept(HubGroups.Conversation(e.ConversationId), connections.Of(t.UserId).ToList()).SendAsync(HubNames.Event, e);
                metrics.DeliveredToConversation.Inc();
                return;
            case EventTypes.MemberJoined when e.Data is MemberEventData joined:
                foreach (var id in connections.Of(joined.UserId, e.ConversationId)) await hub.Groups.AddToGroupAsync(id, HubGroups.Conversation(e.ConversationId));
                break;
        }
        await hub.Clients.Group(HubGroups.Conversation(e.ConversationId)).SendAsync(HubNames.Event, e);
        metrics.DeliveredToConversation.Inc();
        if (e.Type == EventTypes.MemberLeft && e.Data is MemberEventData left)
        {
            foreach (var id in connections.Of(left.UserId)) await hub.Groups.RemoveFromGroupAsync(id, HubGroups.Conversation(e.ConversationId));
        }
    }
}
