using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Parley.Server.Cluster;

/// <summary>
/// The node's one multiplexed Redis connection. It never fails start-up or callers for good: StackExchange.Redis keeps
/// reconnecting in the background (with backoff) and re-subscribes channels; meanwhile /readyz reports not ready.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;

    public RedisConnection(ClusterOptions options, ILogger<RedisConnection> logger)
    {
        var config = ConfigurationOptions.Parse(options.RedisConnectionString!);
        config.AbortOnConnectFail = false;
        config.ClientName = options.NodeId;
        config.ConnectTimeout = 5000;
        config.SyncTimeout = 2000;
        config.AsyncTimeout = 2000;
        config.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        _multiplexer = ConnectionMultiplexer.Connect(config);
        _multiplexer.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection lost ({FailureType}); retrying", e.FailureType);
        _multiplexer.ConnectionRestored += (_, e) =>
        {
            logger.LogInformation("Redis connection restored");
            if (e.ConnectionType == ConnectionType.Subscription) Restored?.Invoke();
        };
    }

    public IDatabase Db => _multiplexer.GetDatabase();
    public ISubscriber Subscriber => _multiplexer.GetSubscriber();
    public bool IsConnected => _multiplexer.IsConnected;

    /// <summary>Raised when the subscription connection is back: whatever was published meanwhile is lost to this node.</summary>
    public event Action? Restored;

    public void Dispose() => _multiplexer.Dispose();
}

public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!redis.IsConnected) return HealthCheckResult.Unhealthy("Redis is not connected.");
            await redis.Db.PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", ex);
        }
    }
}
