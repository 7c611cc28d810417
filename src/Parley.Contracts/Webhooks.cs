namespace Parley.Contracts;

/// <summary>The event types an outgoing webhook can subscribe to (docs/integrations.md, "Outgoing webhooks").</summary>
public static class WebhookEventTypes
{
    public const string MessageCreated = "message.created";
    public const string MessageUpdated = "message.updated";

    /// <summary>Deleted or recalled.</summary>
    public const string MessageDeleted = "message.deleted";
    public const string MemberJoined = "member.joined";
    public const string MemberLeft = "member.left";

    public static readonly IReadOnlyList<string> All = [MessageCreated, MessageUpdated, MessageDeleted, MemberJoined, MemberLeft];
}

/// <summary>Values of <see cref="WebhookDeliveryDto.Status"/>.</summary>
public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";

    /// <summary>Retried for Parley:Webhooks:Delivery:RetryFor without success: parked until an administrator replays it.</summary>
    public const string Dead = "dead";
}

/// <summary>
/// POST /webhooks. <c>conversationIds</c>: groups or channels (direct conversations are refused); omitted or empty: every group and channel;
/// <c>triggerWords</c>: message events only when the text contains one of them (case-insensitive).
/// </summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, IReadOnlyList<long>? ConversationIds, IReadOnlyList<string>? TriggerWords);

/// <summary>PATCH /webhooks/{id}: fields left out stay; an empty conversationIds means every group and channel again.</summary>
public sealed record UpdateWebhookRequest(string? Url, IReadOnlyList<string>? Events, IReadOnlyList<long>? ConversationIds, IReadOnlyList<string>? TriggerWords, bool? Enabled);

public sealed record WebhookDto(
    long Id, string Url, IReadOnlyList<string> Events, IReadOnlyList<long> ConversationIds, IReadOnlyList<string> TriggerWords, bool Enabled,
    long CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Pending, int Dead);

/// <summary>The answer to POST /webhooks: the signing secret (whsec_…) is in this response only.</summary>
public sealed record WebhookCreatedDto(long Id, string Secret, WebhookDto Webhook);

/// <summary>
/// One event for one webhook. <c>WebhookId</c> is the <c>webhook-id</c> header of every attempt (the same on a resend,
/// so a receiver can drop duplicates).
/// </summary>
public sealed record WebhookDeliveryDto(
    long Id, string WebhookId, string EventType, long ConversationId, string Status, int Attempts, int? LastStatus, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);

public sealed record WebhookReplayDto(int Replayed);
