namespace Parley.Contracts;

/// <summary>What a sensitive-word rule does to a text that contains its pattern.</summary>
public static class ModerationActions
{
    /// <summary>The text is refused (422 <c>content_blocked</c>).</summary>
    public const string Block = "block";

    /// <summary>Each matched character is replaced by <c>*</c>; the masked text is stored and delivered.</summary>
    public const string Mask = "mask";

    /// <summary>The text is delivered as written and recorded for review.</summary>
    public const string Flag = "flag";

    public static readonly IReadOnlyList<string> All = [Block, Mask, Flag];
}

/// <summary>A sensitive-word rule; <c>conversationIds</c> null means every conversation (and texts outside any).</summary>
public sealed record ModerationRuleDto(long Id, string Pattern, string Action, IReadOnlyList<long>? ConversationIds, long? CreatedBy, DateTimeOffset CreatedAt);

public sealed record CreateModerationRuleRequest(string? Pattern, string? Action, IReadOnlyList<long>? ConversationIds = null);

/// <summary>Adds one rule per non-empty line of <c>text</c> with the same action; lines already present are skipped.</summary>
public sealed record ImportModerationRulesRequest(string? Text, string? Action);

public sealed record ImportModerationRulesResult(int Added, int Skipped);

/// <summary>Runs a sentence through the rules without writing anything.</summary>
public sealed record ModerationTestRequest(string? Text, long? ConversationId = null);

public sealed record ModerationTestMatch(long RuleId, string Pattern, string Action, string Matched);

/// <summary><c>outcome</c> is <c>accept</c>, <c>mask</c>, <c>flag</c> or <c>block</c>; <c>text</c> is what would be stored.</summary>
public sealed record ModerationTestResult(string Outcome, string Text, IReadOnlyList<ModerationTestMatch> Matches);

/// <summary>
/// A text a filter flagged for review (a <c>content.flagged</c> system event), with the message as it is now when the
/// text was a message, who wrote it and where (names as they are now: reviewers are usually not members, so the
/// queue carries the context they need); <c>patterns</c> are the sensitive-word rules that flagged it, where known.
/// <c>review</c> is null until a compliance user decides.
/// </summary>
public sealed record ModerationFlagDto(
    long Id, DateTimeOffset At, long? UserId, string? UserName, long? ConversationId, string? ConversationKind, string? ConversationName,
    long? MessageId, string Kind, string Filter, string Reason, IReadOnlyList<string> Patterns, string? Text, ModerationReviewDto? Review);

public sealed record ModerationReviewDto(string Decision, long? ReviewerId, DateTimeOffset At, string? Note);

/// <summary><c>decision</c>: <c>dismiss</c> (nothing wrong) or <c>remove</c> (the message is deleted for everyone).</summary>
public sealed record ReviewFlagRequest(string? Decision, string? Note = null);
