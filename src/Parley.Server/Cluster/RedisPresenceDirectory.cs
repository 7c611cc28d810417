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

    public async Task<IReadOnlyList<StoredPresence>> ReadAsync(IReadOnlyList<long> userIds)
    {
        if (userIds.Count == 0) return []; // MGET needs at least one key
        try
        {
            // One round trip for all: the nodes holding each user, then declared statuses and last-seen times by MGET.
            var batch = redis.Db.CreateBatch();
            var nodes = userIds.Select(id => batch.HashKeysAsync(UserKey(id))).ToArray();
            var declared = batch.StringGetAsync(userIds.Select(DeclaredKey).ToArray());
            var lastSeen = batch.StringGetAsync(userIds.Select(LastSeenKey).ToArray());
            batch.Execute();
            await Task.WhenAll([.. nodes, declared, lastSeen]);
            var nodesOf = await Task.WhenAll(nodes); // all complete: these awaits only take the results
            var declaredOf = await declared;
            var lastSeenOf = await lastSeen;
            var result = new StoredPresence[userIds.Count];
            for (int i = 0; i < result.Length; i++)
            {
                bool elsewhere = false;
                foreach (var field in nodesOf[i])
                    if (field.ToString() is var node && node != options.NodeId && (_liveNodes.Contains(node) || await IsAliveAsync(node)))
                    {
                        elsewhere = true;
                        break;
                    }
                result[i] = new StoredPresence(elsewhere, (string?)declaredOf[i],
                    long.TryParse(lastSeenOf[i].ToString(), out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
            }
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Presence read from Redis failed; using this node's view");
            return userIds.Select(_ => default(StoredPresence)).ToList();
        }
    }

    /// <summary>A node this one has not seen in its last heartbeat read (it started since): ask Redis directly.</summary>
    private async Task<bool> IsAliveAsync(string node)
    {
        if (await redis.Db.SortedSetScoreAsync(NodesKey, node) is not { } beat) return false;
        if (beat < DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - options.NodeTimeout.TotalMilliseconds) return false;
        _liveNodes = [.. _liveNodes, node];
        return true;
    }

    public void SetDeclared(long userId, string? status) => Try(() =>
    {
        if (status is null) redis.Db.KeyDelete(DeclaredKey(userId), CommandFlags.FireAndForget);
        else redis.Db.StringSet(DeclaredKey(userId), status, TimeSpan.FromDays(1), flags: CommandFlags.FireAndForget);
    });

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
                await presence.AnnounceAsync(userId);
            }
            await db.KeyDeleteAsync(NodeUsersKey(node));
        }
    }

    /// <summary>After a Redis restart nothing of this node is there: write its users again.</summary>
    private void Reregister()
    {
        foreach (var (userId, count) in connections.Snapshot()) LocalChanged(userId, count);
    }

    private void Try(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Presence write to Redis failed");
        }
    }
}
