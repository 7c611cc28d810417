namespace Parley.Contracts;

/// <summary>
/// Where a retention policy applies: <c>global</c>, <c>kind:direct</c> / <c>kind:group</c> / <c>kind:channel</c>, or
/// <c>conversation:&lt;id&gt;</c>. The narrowest scope with a policy decides; a scope without one inherits.
/// </summary>
public static class RetentionScopes
{
    public const string Global = "global";
    public const string KindPrefix = "kind:";
    public const string ConversationPrefix = "conversation:";
}

/// <summary>
/// A retention policy: messages and files older than <c>days</c> are purged; <c>days</c> null keeps them forever.
/// <c>conversationName</c>: for a conversation's own policy, its name (null for a direct conversation).
/// </summary>
public sealed record RetentionPolicyDto(string Scope, int? Days, long? UpdatedBy, DateTimeOffset UpdatedAt, string? ConversationName = null);

/// <summary>Sets the policy of a scope: <c>days</c> 1–36500, or null to keep forever.</summary>
public sealed record SetRetentionPolicyRequest(int? Days);

/// <summary>What one purge did: messages whose content it removed, files it released, conversations it touched.</summary>
public sealed record RetentionRunDto(DateTimeOffset At, string Trigger, int Messages, int Files, int Conversations, int HeldConversations, bool Complete);

public sealed record RetentionStateDto(IReadOnlyList<RetentionPolicyDto> Policies, RetentionRunDto? LastRun);

/// <summary>What a legal hold protects.</summary>
public static class LegalHoldTargets
{
    /// <summary>Every message the user sent, in any conversation.</summary>
    public const string User = "user";

    /// <summary>Every message of the conversation.</summary>
    public const string Conversation = "conversation";

    public static readonly IReadOnlyList<string> All = [User, Conversation];
}

/// <summary>A legal hold; active while <c>releasedAt</c> is null. <c>targetName</c>: the user's username or the conversation's name.</summary>
public sealed record LegalHoldDto(long Id, string TargetType, long TargetId, string? TargetName, string Reason, long? CreatedBy,
    DateTimeOffset CreatedAt, long? ReleasedBy, DateTimeOffset? ReleasedAt);

public sealed record PlaceLegalHoldRequest(string? TargetType, long? TargetId, string? Reason);

/// <summary>What an e-discovery export is doing: queued, running, done (downloadable) or failed (see <c>error</c>).</summary>
public static class ExportStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>Older than Parley:Compliance:ExportRetentionDays: the zip was removed; a download answers 410 <c>export_expired</c>.</summary>
    public const string Expired = "expired";
}

/// <summary>
/// An e-discovery export of messages created in [from, to), optionally only those sent by <c>userIds</c> and only in
/// <c>conversationIds</c>; <c>language</c> (<c>en</c> or <c>zh-CN</c>) is that of the readable transcripts.
/// </summary>
public sealed record CreateComplianceExportRequest(DateTimeOffset? From, DateTimeOffset? To, long[]? UserIds = null, long[]? ConversationIds = null, string? Language = null);

/// <summary>An export and its progress: <c>messages</c> of <c>total</c> written so far; <c>bytes</c>, the zip's size once done.</summary>
public sealed record ComplianceExportDto(long Id, string Status, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<long>? UserIds,
    IReadOnlyList<long>? ConversationIds, string Language, int Total, int Messages, int Files, long Bytes, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
