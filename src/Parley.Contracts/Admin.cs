namespace Parley.Contracts;

/// <summary>
/// A durable subscriber's state: where its cursor is, which node runs it, how far behind it is (<c>lag</c> counts
/// waiting events up to 10,000), and its failures since the last acknowledged batch.
/// </summary>
public sealed record SubscriberStatusDto(
    string Name, string Stream, long PositionId, string? Owner, DateTimeOffset? LeaseUntil, long Lag, long Delivered, long Failures,
    string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset UpdatedAt);
