namespace Parley.Server.Cluster;

/// <summary>
/// Cluster mode is on when ConnectionStrings:Redis is set (StackExchange.Redis syntax, e.g. "10.0.0.5:6379,password=…").
/// Then real-time fan-out, presence, rate-limit counters and session revocation go through Redis, so identical
/// nodes behind a load balancer behave as one server. Without it everything stays in this process.
/// </summary>
public sealed class ClusterOptions
{
    public const string ConnectionStringName = "Redis";

    public string? RedisConnectionString { get; init; }

    /// <summary>This process's name in Redis: unique per start, so a restarted node never inherits a dead one's state.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Key prefix, so several Parley installations can share one Redis.</summary>
    public string Prefix { get; init; } = "parley:";

    /// <summary>How often a node says it is alive, and after how long without that it counts as dead.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(RedisConnectionString);
}
