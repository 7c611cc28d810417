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

/// <summary>Whose texts a rule screens.</summary>
public static class ModerationScopes
{
    /// <summary>Every text, in every conversation and outside any.</summary>
    public const string All = "all";

    /// <summary>Texts in the rule's <c>conversationIds</c> only.</summary>
    public const string Conversations = "conversations";

    /// <summary>Texts written by external users (<c>isExternal</c>) only, wherever they write.</summary>
    public const string External = "external";

    public static readonly IReadOnlyList<string> Every = [All, Conversations, External];
}

/// <summary>
/// A sensitive-word rule. <c>scope</c>: <c>all</c>, <c>conversations</c> (<c>conversationIds</c>) or <c>external</c>
/// (texts by external users); <c>conversationIds</c> null means every conversation (and texts outside any).
/// <c>exemptUserIds</c> / <c>exemptConversationIds</c>: authors and conversations this rule leaves alone (beside the
/// global exemptions). <c>pinyin</c>: the rule also matches its pinyin in Latin letters and homophone characters.
/// </summary>
public sealed record ModerationRuleDto(long Id, string Pattern, string Action, IReadOnlyList<long>? ConversationIds, long? CreatedBy, DateTimeOffset CreatedAt,
    string Scope = ModerationScopes.All, IReadOnlyList<long>? ExemptUserIds = null, IReadOnlyList<long>? ExemptConversationIds = null, bool Pinyin = false);

/// <summary>
/// <c>scope</c> defaults to <c>conversations</c> when <c>conversationIds</c> is given, else <c>all</c>. The other fields are
/// optional: see <see cref="ModerationRuleDto"/>.
/// </summary>
public sealed record CreateModerationRuleRequest(string? Pattern, string? Action, IReadOnlyList<long>? ConversationIds = null,
    string? Scope = null, IReadOnlyList<long>? ExemptUserIds = null, IReadOnlyList<long>? ExemptConversationIds = null, bool Pinyin = false);

/// <summary>Exemptions from every rule: texts by these users, and texts in these conversations, are never screened by a rule.</summary>
public sealed record ModerationExemptionsDto(IReadOnlyList<long> UserIds, IReadOnlyList<long> ConversationIds);

/// <summary>Replaces the global exemptions.</summary>
public sealed record SetModerationExemptionsRequest(IReadOnlyList<long>? UserIds, IReadOnlyList<long>? ConversationIds);

/// <summary>Adds one rule per non-empty line of <c>text</c> with the same action; lines already present are skipped.</summary>
public sealed record ImportModerationRulesRequest(string? Text, string? Action);

public sealed record ImportModerationRulesResult(int Added, int Skipped);

/// <summary>Runs a sentence through the rules without writing anything.</summary>
/// <summary><c>userId</c>: test as this author (exemptions, external scope); default: nobody in particular.</summary>
public sealed record ModerationTestRequest(string? Text, long? ConversationId = null, long? UserId = null);

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

/// <summary>A text a message had before it was edited, deleted or recalled (<c>reason</c>: edited, deleted, recalled).</summary>
public sealed record MessageVersionDto(string Text, string Reason, long? ActorId, DateTimeOffset At);

/// <summary>A message as the compliance archive shows it: as it is now, with every earlier text.</summary>
public sealed record ArchivedMessageDto(
    long Id, long SenderId, string Text, long? ThreadRootId, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, DateTimeOffset? DeletedAt,
    DateTimeOffset? RecalledAt, IReadOnlyList<long> FileIds, IReadOnlyList<MessageVersionDto> History);

/// <summary>One event of the conversations log, in log order, with its message when it concerns one.</summary>
public sealed record ArchiveEventDto(long Id, DateTimeOffset At, string Type, long ConversationId, long Seq, long? ActorId, long? MessageId, string? Data, ArchivedMessageDto? Message);

/// <summary>A page of the archive; pass <c>next</c> as <c>after</c> for the following one (it is null only on an empty page).</summary>
public sealed record ArchivePage(IReadOnlyList<ArchiveEventDto> Items, string? Next);
