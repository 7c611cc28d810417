using System.Globalization;
using Parley.Server.Realtime;
using StackExchange.Redis;

namespace Parley.Server.Cluster;

/// <summary>
/// Presence shared by the nodes. Per user, a hash of node → that node's connection count; per node, the set of its
/// users; the live nodes in a sorted set scored by their last heartbeat. A node that stops heartbeating (killed) is
/// dead after <see cref="ClusterOptions.NodeTimeout"/>: its entries no longer count, and the first node to notice
/// claims it, removes its entries and announces its users' new presence. When Redis is unreachable presence falls
/// back to this node's own connections; when it comes back this node writes its entries again (Redis keeps no state
/// across a restart here).
/// </summary>
public sealed class RedisPresenceDirectory(RedisConnection redis, ClusterOptions options, ConnectionRegistry connections,
    IServiceProvider services, ILogger<RedisPresenceDirectory> logger) : BackgroundService, IPresenceDirectory
{
    private volatile HashSet<string> _liveNodes = [options.NodeId];
    private string P => options.Prefix;
    private RedisKey UserKey(long userId) => P + "presence:" + userId.ToString(CultureInfo.InvariantCulture);
    private RedisKey NodeUsersKey(string node) => P + "node-users:" + node;
    private RedisKey NodesKey => P + "nodes";
    private RedisKey DeclaredKey(long userId) => P + "declared:" + userId.ToString(CultureInfo.InvariantCulture);
    private RedisKey LastSeenKey(long userId) => P + "last-seen:" + userId.ToString(CultureInfo.InvariantCulture);

    public void LocalChanged(long userId, int localConnections) => Try(() =>
    {
        var db = redis.Db;
        if (localConnections > 0)
        {
            db.HashSet(UserKey(userId), options.NodeId, localConnections, flags: CommandFlags.FireAndForget);
            db.SetAdd(NodeUsersKey(options.NodeId), userId, CommandFlags.FireAndForget);
        }
        else
        {
            db.HashDelete(UserKey(userId), options.NodeId, CommandFlags.FireAndForget);
            db.SetRemove(NodeUsersKey(options.NodeId), userId, CommandFlags.FireAndForget);
        }
    });

    public bool OnlineElsewhere(long userId) => Try(() =>
    {
        var live = _liveNodes;
        foreach (var field in redis.Db.HashKeys(UserKey(userId)))
        {
            var node = field.ToString();
            if (node == options.NodeId) continue;
            if (live.Contains(node) || IsAlive(node)) return true;
        }
        return false;
    });

    /// <summary>A node this one has not seen in its last heartbeat read (it started since): ask Redis directly.</summary>
    private bool IsAlive(string node)
    {
        if (redis.Db.SortedSetScore(NodesKey, node) is not { } beat) return false;
        if (beat < DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - options.NodeTimeout.TotalMilliseconds) return false;
        _liveNodes = [.. _liveNodes, node];
        return true;
    }

    public string? Declared(long userId) => Try(() => (string?)redis.Db.StringGet(DeclaredKey(userId)));

    public void SetDeclared(long userId, string? status) => Try(() =>
    {
        if (status is null) redis.Db.KeyDelete(DeclaredKey(userId), CommandFlags.FireAndForget);
        else redis.Db.StringSet(DeclaredKey(userId), status, TimeSpan.FromDays(1), flags: CommandFlags.FireAndForget);
    });

    public DateTimeOffset? LastSeen(long userId) => Try(() =>
        redis.Db.StringGet(LastSeenKey(userId)) is { HasValue: true } v && long.TryParse(v.ToString(), out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : (DateTimeOffset?)null);

    public void SetLastSeen(long userId, DateTimeOffset at) => Try(() =>
        redis.Db.StringSet(LastSeenKey(userId), at.ToUnixTimeMilliseconds(), TimeSpan.FromDays(30), flags: CommandFlags.FireAndForget));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.Restored += Reregister;
        Reregister();
        using var timer = new PeriodicTimer(options.Heartbeat);
        do
        {
            try
            {
                await HeartbeatAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug(ex, "Presence heartbeat failed; Redis is unreachable");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task HeartbeatAsync()
    {
        var db = redis.Db;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var cutoff = now - (long)options.NodeTimeout.TotalMilliseconds;
        await db.SortedSetAddAsync(NodesKey, options.NodeId, now);
        _liveNodes = (await db.SortedSetRangeByScoreAsync(NodesKey, cutoff, double.PositiveInfinity)).Select(v => v.ToString()).ToHashSet();
        foreach (var dead in await db.SortedSetRangeByScoreAsync(NodesKey, double.NegativeInfinity, cutoff, Exclude.Stop))
        {
            // Only the node whose ZREM removes it cleans up after it.
            if (!await db.SortedSetRemoveAsync(NodesKey, dead)) continue;
            var node = dead.ToString();
            var users = (await db.SetMembersAsync(NodeUsersKey(node))).Select(v => (long)v).ToList();
            logger.LogWarning("Node {Node} stopped heartbeating; clearing presence of its {Count} users", node, users.Count);
            var presence = services.GetRequiredService<PresenceTracker>();
            foreach (var userId in users)
            {
                await db.HashDeleteAsync(UserKey(userId), node);
                presence.Announce(userId);
            }
            await db.KeyDeleteAsync(NodeUsersKey(node));
        }
    }

    /// <summary>After a Redis restart nothing of this node is there: write its users again.</summary>
    private void Reregister()
    {
        foreach (var (userId, count) in connections.Snapshot()) LocalChanged(userId, count);
    }

    private T? Try<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Presence read from Redis failed; using this node's view");
            return default;
        }
    }

    private void Try(Action write) => Try(() => { write(); return 0; });
}
