using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Realtime;
using Parley.Server.Storage;
using StackExchange.Redis;

namespace Parley.Server.Cluster;

/// <summary>
/// Cluster fan-out over Redis pub/sub. Every event this node commits (or an ephemeral one: typing, receipts, presence)
/// goes to this node's own connections at once and, through one Redis channel, to every other node, which hands it
/// to its own <see cref="EventDispatcher"/>. Each node publishes in commit order on one connection and Redis keeps a
/// publisher's order, so per-conversation order holds. Pub/sub is at-most-once: a node that loses Redis may miss
/// events, so when the subscription comes back it tells its clients to resync; the log in the database stays the
/// truth either way. A second channel carries control messages (session revocation), a third presence changes alone in
/// a short frame of their own (every connect and disconnect sends one, and every other node reads it).
/// </summary>
public sealed class ClusterBus : IEventBus, IHostedService
{
    private readonly RedisConnection _redis;
    private readonly ClusterOptions _options;
    private readonly ILocalDelivery _local;
    private readonly SessionCache _sessions;
    private readonly ILogger<ClusterBus> _logger;
    private readonly RedisChannel _events;
    private readonly RedisChannel _control;
    private readonly RedisChannel _presence;
    private ChannelMessageQueue? _eventQueue;
    private ChannelMessageQueue? _controlQueue;
    private ChannelMessageQueue? _presenceQueue;

    public ClusterBus(RedisConnection redis, ClusterOptions options, ILocalDelivery local, SessionCache sessions, ILogger<ClusterBus> logger)
    {
        _redis = redis;
        _options = options;
        _local = local;
        _sessions = sessions;
        _logger = logger;
        _events = RedisChannel.Literal(options.Prefix + "events");
        _control = RedisChannel.Literal(options.Prefix + "control");
        _presence = RedisChannel.Literal(options.Prefix + "presence");
    }

    public void Publish(IReadOnlyList<EventDto> events)
    {
        _local.Deliver(events);
        if (EventCodec.EncodePresence(_options.NodeId, events) is { } presence) Send(_presence, presence);
        else Send(_events, EventCodec.Encode(_options.NodeId, events));
    }

    public void PublishToUsers(IReadOnlyCollection<long> userIds, EventDto evt)
    {
        if (userIds.Count == 0) return;
        _local.DeliverToUsers(userIds, evt);
        // The same channel as conversation events, so one publisher's order holds across both kinds.
        Send(_events, EventCodec.Encode(_options.NodeId, [evt], userIds));
    }

    private sealed record Control(string Node, long[]? SessionIds, long? UserId, bool Ended = true);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _eventQueue = await _redis.Subscriber.SubscribeAsync(_events);
        _eventQueue.OnMessage(OnEvents);
        _controlQueue = await _redis.Subscriber.SubscribeAsync(_control);
        _controlQueue.OnMessage(OnControl);
        _presenceQueue = await _redis.Subscriber.SubscribeAsync(_presence);
        _presenceQueue.OnMessage(OnPresence);
        _sessions.Evicted += (sessionIds, userId, ended) =>
            Send(_control, JsonSerializer.SerializeToUtf8Bytes(new Control(_options.NodeId, sessionIds, userId, ended), JsonDefaults.Options));
        _redis.Restored += () => _local.Deliver([new EventDto(EventTypes.Resync, 0, null, null, DateTimeOffset.UtcNow)]);
    }

    private void OnEvents(ChannelMessage message)
    {
        try
        {
            var (node, events, users) = EventCodec.DecodeAddressed((byte[])message.Message!);
            if (node == _options.NodeId) return;
            if (users is null) _local.Deliver(events);
            else foreach (var e in events) _local.DeliverToUsers(users, e);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "Dropped an unreadable event batch from Redis");
        }
    }

    private void OnPresence(ChannelMessage message)
    {
        try
        {
            var (node, e) = EventCodec.DecodePresence((byte[])message.Message!);
            if (node != _options.NodeId) _local.Deliver([e]);
        }
        catch (FormatException ex)
        {
            _logger.LogWarning(ex, "Dropped an unreadable presence frame from Redis");
        }
    }

    private void OnControl(ChannelMessage message)
    {
        try
        {
            var control = JsonSerializer.Deserialize<Control>((byte[])message.Message!, JsonDefaults.Options);
            if (control is null || control.Node == _options.NodeId) return;
            if (control.SessionIds is { } ids) _sessions.EvictSessions(ids, broadcast: false);
            if (control.UserId is { } userId) _sessions.EvictUser(userId, broadcast: false, ended: control.Ended);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "Dropped an unreadable control message from Redis");
        }
    }

    /// <summary>Never blocks the writer thread and never fails a caller: an event that does not reach Redis is caught up later.</summary>
    private void Send(RedisChannel channel, byte[] payload)
    {
        try
        {
            _redis.Subscriber.Publish(channel, payload, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "Publishing to Redis failed; other nodes' clients will catch up");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_eventQueue is not null) await _eventQueue.UnsubscribeAsync();
        if (_controlQueue is not null) await _controlQueue.UnsubscribeAsync();
        if (_presenceQueue is not null) await _presenceQueue.UnsubscribeAsync();
    }
}
