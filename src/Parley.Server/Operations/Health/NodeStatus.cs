using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Cluster;
using Parley.Server.Realtime;
using StackExchange.Redis;

namespace Parley.Server.Operations.Health;

/// <summary>
/// This node's status (version, start, connections) and, in cluster mode, everyone's: each node writes its own field of
/// one Redis hash every 15 s, and readers keep the fields written in the last minute (a killed node drops out).
/// </summary>
public sealed class NodeStatus(ClusterOptions cluster, ConnectionRegistry connections, TimeProvider time, IServiceProvider services, ILogger<NodeStatus> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(1);
    private readonly DateTimeOffset _started = time.GetUtcNow();

    public string NodeId => cluster.NodeId;

    public NodeHealthDto Self()
    {
        var now = time.GetUtcNow();
        return new NodeHealthDto(cluster.NodeId, Version.Current, _started, (long)(now - _started).TotalSeconds, connections.Total, now);
    }

    private RedisKey Key => cluster.Prefix + "node-status";

    public async Task<IReadOnlyList<NodeHealthDto>> AllAsync()
    {
        var self = Self();
        if (!cluster.Enabled) return [self];
        try
        {
            var entries = await services.GetRequiredService<RedisConnection>().Db.HashGetAllAsync(Key);
            var others = entries.Select(e => JsonSerializer.Deserialize<NodeHealthDto>(e.Value.ToString(), JsonDefaults.Options)!)
                .Where(n => n.Node != self.Node && time.GetUtcNow() - n.ReportedAt < Stale);
            return [self, .. others.OrderBy(n => n.Node, StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return [self];
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cluster.Enabled) return;
        var redis = services.GetRequiredService<RedisConnection>();
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await redis.Db.HashSetAsync(Key, cluster.NodeId, JsonSerializer.Serialize(Self(), JsonDefaults.Options));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug(ex, "Node status not reported; Redis is unreachable");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
