namespace Parley.Contracts;

/// <summary>The 202 answer to a message sent with <c>sendAt</c>: it is stored and sent at that time.</summary>
public sealed record ScheduledMessageAcceptedDto(long ScheduledId, DateTimeOffset SendAt);

/// <summary>
/// A message the caller scheduled. <see cref="Status"/> is one of <see cref="ScheduledStatuses"/>; a failed one
/// carries the problem code and text of the send that failed (<see cref="ErrorCode"/>, <see cref="Error"/>).
/// </summary>
public sealed record ScheduledMessageDto(
    long Id,
    long ConversationId,
    string Text,
    IReadOnlyList<FileDto> Files,
    long? ThreadRootId,
    long? QuoteId,
    DateTimeOffset SendAt,
    string Status,
    string? ErrorCode,
    string? Error,
    long? MessageId,
    DateTimeOffset CreatedAt);

/// <summary>Changes a pending scheduled message: its text and/or its time (null = unchanged).</summary>
public sealed record UpdateScheduledMessageRequest(string? Text, string? SendAt);

public static class ScheduledStatuses
{
    public const string Pending = "pending";
    /// <summary>Claimed by a node that is sending it now.</summary>
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    /// <summary>Only in the <c>scheduled.updated</c> event of a deleted schedule.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>"Remind me about this message" at <see cref="At"/> (ISO 8601 with an offset, in the future).</summary>
public sealed record SetReminderRequest(string? At);

/// <summary>
/// A reminder of the caller's: <see cref="Status"/> is <c>pending</c>, then <c>due</c> once its time came (it stays
/// listed until deleted). <see cref="Preview"/> is the start of the message's text while the caller can still read it.
/// </summary>
public sealed record ReminderDto(long Id, long MessageId, long ConversationId, DateTimeOffset At, string Status, string? Preview, DateTimeOffset CreatedAt);

public static class ReminderStatuses
{
    public const string Pending = "pending";
    public const string Due = "due";
    /// <summary>Only in the <c>reminder.updated</c> event of a deleted reminder.</summary>
    public const string Deleted = "deleted";
}
