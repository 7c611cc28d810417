using Parley.Contracts;

namespace Parley.Server.Realtime;

/// <summary>
/// Real-time fan-out to live connections, on this node and (cluster mode) every other. Two addresses:
/// a conversation (its members' connections: committed log events after commit, and ephemeral typing/receipts), or a
/// set of users (every connection of each, on every node: call ringing, personal notifications, session ends).
/// Delivery is at most once and only an accelerator: what must not be lost is in the log, where clients catch up and
/// durable subscribers read (<see cref="Platform.Subscribers.IEventSubscriber"/>).
/// Implementations: <see cref="LocalEventBus"/> (one node) and <see cref="Cluster.ClusterBus"/> (Redis); both pass
/// the same conformance suite.
/// </summary>
public interface IEventBus
{
    /// <summary>Each event to the connections of its conversation's members, in the order given.</summary>
    void Publish(IReadOnlyList<EventDto> events);

    /// <summary>One event to every live connection of these users (conversationId may be 0).</summary>
    void PublishToUsers(IReadOnlyCollection<long> userIds, EventDto evt);
}

/// <summary>This node's own delivery to its connections (<see cref="EventDispatcher"/>); a bus hands events to it.</summary>
public interface ILocalDelivery
{
    void Deliver(IReadOnlyList<EventDto> events);

    void DeliverToUsers(IReadOnlyCollection<long> userIds, EventDto evt);
}

/// <summary>One node: the bus is this node's delivery.</summary>
public sealed class LocalEventBus(ILocalDelivery local) : IEventBus
{
    public void Publish(IReadOnlyList<EventDto> events) => local.Deliver(events);

    public void PublishToUsers(IReadOnlyCollection<long> userIds, EventDto evt)
    {
        if (userIds.Count > 0) local.DeliverToUsers(userIds, evt);
    }
}
