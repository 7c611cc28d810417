namespace Parley.Contracts;

/// <summary>
/// What every member sees of an urgent message (the marker and the counts, as DingTalk shows them); who was asked and
/// who acknowledged is at <c>GET /api/v1/messages/{id}/urgent</c> for the sender and the conversation's managers.
/// </summary>
public sealed record MessageUrgentDto(int Targets, int Acknowledged);

/// <summary>Marks an existing message urgent for these members (sender only).</summary>
public sealed record MarkUrgentRequest(long[]? UserIds);

public sealed record UrgentTargetDto(long UserId, DateTimeOffset RequestedAt, DateTimeOffset? AcknowledgedAt);

/// <summary>
/// The urgent state of a message as the caller may see it: the sender and the conversation's owners and admins get
/// every target; another member gets only their own row (or none).
/// </summary>
public sealed record UrgentStateDto(long MessageId, long ConversationId, long SenderId, int Targets, int Acknowledged, IReadOnlyList<UrgentTargetDto> Recipients);

/// <summary>
/// An urgent message the caller has not acknowledged (the banner): <c>GET /api/v1/urgent/pending</c>, and the data of
/// the user-addressed <c>urgent.requested</c> event. <see cref="Preview"/> is the start of the text.
/// </summary>
public sealed record PendingUrgentDto(long MessageId, long ConversationId, long Seq, long SenderId, string Preview, bool HasFiles, DateTimeOffset RequestedAt);

/// <summary>The data of the user-addressed <c>urgent.acknowledged</c> and <c>urgent.cleared</c> events: the banner entry to drop.</summary>
public sealed record UrgentClearedData(long MessageId, long ConversationId);

public static class UrgentEventTypes
{
    /// <summary>Conversation event (logged): the message's urgent counts changed; data is the message.</summary>
    public const string MessageUrgent = "message.urgent";

    /// <summary>User-addressed, to each target's devices: a new urgent request (<see cref="PendingUrgentDto"/>).</summary>
    public const string Requested = "urgent.requested";

    /// <summary>User-addressed, to the acknowledging user's devices (<see cref="UrgentClearedData"/>).</summary>
    public const string Acknowledged = "urgent.acknowledged";

    /// <summary>User-addressed, to the targets still pending when the message was deleted or recalled (<see cref="UrgentClearedData"/>).</summary>
    public const string Cleared = "urgent.cleared";
}

public static class UrgentErrorCodes
{
    /// <summary>The caller is a member but was not asked to acknowledge this message (409).</summary>
    public const string NotRequested = "urgent_not_requested";

    /// <summary>The sender's urgent budget (Parley:Urgent:RateLimit per RateWindow) is spent (429; Retry-After says when it refills). Not worth retrying at once, unlike rate_limited.</summary>
    public const string RateLimited = "urgent_rate_limited";
}
