namespace Parley.Server.Features.Scheduled;

/// <summary>Parley:Scheduled — scheduled send and message reminders.</summary>
public sealed class ScheduledOptions
{
    public const string Section = "Parley:Scheduled";

    /// <summary>How often each node looks for due schedules and reminders (one indexed read per table when idle).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far ahead a message may be scheduled or a reminder set.</summary>
    public TimeSpan MaxAhead { get; set; } = TimeSpan.FromDays(366);

    /// <summary>Pending (and failed, not yet deleted) scheduled messages per user.</summary>
    public int MaxPendingPerUser { get; set; } = 100;

    /// <summary>Reminders per user (pending and due).</summary>
    public int MaxRemindersPerUser { get; set; } = 500;

    /// <summary>
    /// How long a node's claim on a schedule it is sending lasts. If the node dies mid-send, another node claims the
    /// schedule again after this, and the send's clientMsgId (derived from the schedule) makes the retry a no-op.
    /// A send refused for a passing reason (rate limit, shutting down) is also retried after this.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sends a passing failure is retried before the schedule is marked failed.</summary>
    public int MaxAttempts { get; set; } = 10;
}
