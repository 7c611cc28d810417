namespace Parley.Contracts;

/// <summary>
/// A durable subscriber's state: where its cursor is, which node runs it, how far behind it is (<c>lag</c> counts
/// waiting events up to 10,000), and its failures since the last acknowledged batch.
/// </summary>
public sealed record SubscriberStatusDto(
    string Name, string Stream, long PositionId, string? Owner, DateTimeOffset? LeaseUntil, long Lag, long Delivered, long Failures,
    string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset UpdatedAt);

/// <summary>
/// GET /api/v1/admin/health (system.manage): one view of the deployment for the admin console. <c>Nodes</c> lists every
/// node that reported in the last minute (cluster mode: through Redis; one node: itself).
/// </summary>
public sealed record AdminHealthDto(
    DateTimeOffset CheckedAt, string ThisNode, IReadOnlyList<NodeHealthDto> Nodes, DatabaseHealthDto Database, RedisHealthDto Redis,
    StorageHealthDto Storage, WriterHealthDto Writer, IReadOnlyList<SubscriberStatusDto> Subscribers, IReadOnlyList<RecentErrorDto> RecentErrors);

public sealed record NodeHealthDto(string Node, string Version, DateTimeOffset StartedAt, long UptimeSeconds, int Connections, DateTimeOffset ReportedAt);

public sealed record DatabaseHealthDto(string Provider, bool Healthy, int SchemaVersion, int BinarySchemaVersion, double LatencyMs, string? Error);

public sealed record RedisHealthDto(bool Configured, bool Healthy, double? LatencyMs, string? Error);

public sealed record StorageHealthDto(string FilesProvider, long Files, long FileBytes, long? DataFolderFreeBytes, long? DataFolderTotalBytes);

public sealed record WriterHealthDto(int QueueDepth, long Commits, double MeanBatchSize, double MeanCommitMs, long CommitFailures);

/// <summary>A server-side error (5xx answered, failed group commit, failed hub call) on this node; the newest 20 are kept.</summary>
public sealed record RecentErrorDto(DateTimeOffset At, string Code, string Where);
