namespace Parley.Server.Platform.Subscribers;

/// <summary>The logs a subscriber can follow.</summary>
public static class EventStreams
{
    /// <summary>Every logged conversation event (<c>events</c>): messages, edits, reactions, membership, settings.</summary>
    public const string Conversations = "conversations";

    /// <summary>User lifecycle, roles, sessions, settings, admin actions, content flags (<c>system_events</c>).</summary>
    public const string System = "system";
}

/// <summary>
/// A durable subscriber: reads one committed log in order, at least once, from a cursor persisted under its
/// <see cref="Name"/>. It resumes where it stopped after a restart or a crash (events after the last acknowledged
/// batch come again, so handling must be idempotent: use <see cref="LoggedEvent.Id"/> as the key); in cluster mode it
/// runs on one node at a time under a lease and moves to another node when that one dies. A batch that throws is
/// retried with backoff; the failure count and last error are visible at <c>GET /api/v1/admin/subscribers</c>.
/// Register with <c>services.AddEventSubscriber&lt;T&gt;()</c>. This is the base for webhooks, bots, audit export,
/// the compliance archive and search re-indexing.
/// </summary>
public interface IEventSubscriber
{
    /// <summary>Stable name: the cursor's key. Renaming it starts over.</summary>
    string Name { get; }

    /// <summary>One of <see cref="EventStreams"/>.</summary>
    string Stream { get; }

    /// <summary>A new subscriber starts at the log's current end instead of its beginning (e.g. webhooks).</summary>
    bool StartAtEnd => false;

    /// <summary>
    /// Runs on every node, from the log's end at start-up, with its position in memory only (no lease, no stored
    /// cursor): for keeping each node's own state in step with changes made anywhere (e.g. closing the connections of
    /// a session revoked by the CLI or another node). Such a subscriber misses what happened while its node was down.
    /// </summary>
    bool PerNode => false;

    int BatchSize => 100;

    /// <summary>Handles a batch in log order. Returning acknowledges it; throwing retries it (with backoff).</summary>
    Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken);
}

/// <summary>
/// One committed event. <see cref="Position"/> orders the stream: on SQLite the id; on PostgreSQL the writing
/// transaction, then the id (see <see cref="EventReader"/>). Conversation events carry ConversationId and Seq; system
/// events carry TargetId. <see cref="Data"/> is the stored JSON (message events store none: read the message).
/// </summary>
public sealed record LoggedEvent(
    string Stream, long Id, long Tx, string Type, long? ActorId, long? ConversationId, long? Seq, long? MessageId, long? TargetId,
    string? Data, DateTimeOffset At)
{
    public LogPosition Position => new(Tx, Id);
}

public readonly record struct LogPosition(long Tx, long Id);
