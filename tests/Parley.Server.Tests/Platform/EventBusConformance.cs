using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Contracts;
using Parley.Server.Cluster;
using Parley.Server.Features.Auth;
using Parley.Server.Realtime;

namespace Parley.Server.Tests.Platform;

/// <summary>This node's delivery, recorded: what a bus handed to it, in order.</summary>
public sealed class RecordingDelivery : ILocalDelivery
{
    public ConcurrentQueue<(EventDto Event, long[]? Users)> Received { get; } = new();

    public void Deliver(IReadOnlyList<EventDto> events)
    {
        foreach (var e in events) Received.Enqueue((e, null));
    }

    public void DeliverToUsers(IReadOnlyCollection<long> userIds, EventDto evt) => Received.Enqueue((evt, [.. userIds]));

    public async Task<List<(EventDto Event, long[]? Users)>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Received.Count < count && DateTime.UtcNow < deadline) await Task.Delay(20);
        return [.. Received];
    }
}

/// <summary>
/// One suite for every <see cref="IEventBus"/>: the local bus (one node) and the Redis cluster bus (two nodes in this
/// process). Each node's <see cref="RecordingDelivery"/> must receive what was published, in order, with typed data and
/// the same user addresses, and the publishing node receives its own events at once.
/// </summary>
public abstract class EventBusConformance : IAsyncLifetime
{
    protected IEventBus Publisher { get; set; } = null!;
    protected List<RecordingDelivery> Nodes { get; } = [];

    public abstract Task InitializeAsync();
    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

    [Fact]
    public async Task ConversationEvents_ReachEveryNode_InPublishOrder_WithTypedData()
    {
        for (var i = 1; i <= 50; i++)
            Publisher.Publish([new EventDto(EventTypes.ReactionAdded, 9, i, new ReactionEventData(i, "👍", 3), At)]);
        foreach (var node in Nodes)
        {
            var got = await node.WaitForAsync(50);
            Assert.Equal(Enumerable.Range(1, 50).Select(i => (long?)i), got.Select(g => g.Event.Seq));
            Assert.All(got, g => Assert.Null(g.Users));
            Assert.Equal(new ReactionEventData(50, "👍", 3), Assert.IsType<ReactionEventData>(got[^1].Event.Data));
        }
    }

    [Fact]
    public async Task UserEvents_ReachEveryNode_WithTheirUsers_InterleavedInOrder()
    {
        Publisher.Publish([new EventDto(EventTypes.Typing, 4, null, new TypingEventData(1), At)]);
        Publisher.PublishToUsers([7, 8], new EventDto(EventTypes.Presence, 0, null, new PresenceEventData(7, PresenceStatus.Away), At));
        Publisher.PublishToUsers([], new EventDto(EventTypes.Presence, 0, null, new PresenceEventData(1, PresenceStatus.Online), At));
        Publisher.Publish([new EventDto(EventTypes.Typing, 4, null, new TypingEventData(2), At)]);
        foreach (var node in Nodes)
        {
            var got = await node.WaitForAsync(3);
            await Task.Delay(200); // nothing else may arrive: the event for no user goes nowhere
            got = [.. node.Received];
            Assert.Equal([EventTypes.Typing, EventTypes.Presence, EventTypes.Typing], got.Select(g => g.Event.Type));
            Assert.Equal([7L, 8L], got[1].Users!.Order());
            Assert.Equal(new PresenceEventData(7, PresenceStatus.Away), got[1].Event.Data);
            Assert.Null(got[2].Users);
        }
    }
}

public sealed class LocalEventBusConformanceTests : EventBusConformance
{
    public override Task InitializeAsync()
    {
        var node = new RecordingDelivery();
        Nodes.Add(node);
        Publisher = new LocalEventBus(node);
        return Task.CompletedTask;
    }
}

[Trait("Category", "Cluster")]
public sealed class RedisEventBusConformanceTests : EventBusConformance
{
    private readonly List<(ClusterBus Bus, RedisConnection Redis)> _nodes = [];

    public override async Task InitializeAsync()
    {
        var prefix = $"conf{Guid.NewGuid():N}:";
        for (var i = 0; i < 2; i++)
        {
            var options = new ClusterOptions { RedisConnectionString = Cluster.Cluster.Redis, Prefix = prefix };
            var redis = new RedisConnection(options, NullLogger<RedisConnection>.Instance);
            var delivery = new RecordingDelivery();
            var bus = new ClusterBus(redis, options, delivery, new SessionCache(), NullLogger<ClusterBus>.Instance);
            await bus.StartAsync(CancellationToken.None);
            _nodes.Add((bus, redis));
            Nodes.Add(delivery);
        }
        Publisher = _nodes[0].Bus;
        // Subscriptions are live once a probe from the publisher reaches the other node; then start clean.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Nodes[1].Received.IsEmpty && DateTime.UtcNow < deadline)
        {
            Publisher.Publish([new EventDto(EventTypes.Resync, 0, null, null, DateTimeOffset.UtcNow)]);
            await Task.Delay(100);
        }
        Assert.False(Nodes[1].Received.IsEmpty, "the second node never received the probe over Redis");
        await Task.Delay(300); // let probes still in flight land before starting clean
        foreach (var n in Nodes) n.Received.Clear();
    }

    public override async Task DisposeAsync()
    {
        foreach (var (bus, redis) in _nodes)
        {
            await bus.StopAsync(CancellationToken.None);
            redis.Dispose();
        }
    }
}
