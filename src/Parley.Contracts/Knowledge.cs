namespace Parley.Contracts;

/// <summary>Kinds of knowledge base entries: an article, or an FAQ pair (the title is the question, the body the answer).</summary>
public static class KnowledgeKinds
{
    public const string Article = "article";
    public const string Faq = "faq";
    public static readonly IReadOnlyList<string> All = [Article, Faq];
}

/// <summary>Languages the knowledge base indexes (Chinese with SmartCn segmentation, English with stemming).</summary>
public static class KnowledgeLanguages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly IReadOnlyList<string> All = [Chinese, English];
}

/// <summary>Why an answer hands the conversation to a human (null: it does not).</summary>
public static class HandOffReasons
{
    /// <summary>The visitor asked for a person ("人工", "转人工", "agent", "human").</summary>
    public const string Requested = "requested";
    /// <summary>No article matched the question well enough (below Parley:Ai:Knowledge:MinConfidence).</summary>
    public const string LowConfidence = "low_confidence";
    /// <summary>The caller counted Parley:Ai:Knowledge:HandOffAfterTurns unresolved turns.</summary>
    public const string UnresolvedTurns = "unresolved_turns";
    /// <summary>The conversation or the day used up its AI budget (Parley:Ai budgets).</summary>
    public const string BudgetExhausted = "budget_exhausted";
    /// <summary>The language model could not be reached or failed.</summary>
    public const string ProviderFailed = "provider_failed";
}

public sealed record KnowledgeArticleDto(
    long Id, string Kind, string Title, string Body, string Language, IReadOnlyList<string> Tags, bool Published,
    long? CreatedBy, DateTimeOffset CreatedAt, long? UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>Creates or replaces an article. Kind defaults to article; Published to false (a draft).</summary>
public sealed record SaveKnowledgeArticleRequest(string? Kind, string? Title, string? Body, string? Language, IReadOnlyList<string>? Tags, bool? Published);

/// <summary>A question tried from the admin console. TurnCount: unresolved turns so far (hand-off after Parley:Ai:Knowledge:HandOffAfterTurns).</summary>
public sealed record KnowledgeAnswerRequest(string? Question, string? Language, int? TurnCount);

public sealed record KnowledgeCitationDto(long ArticleId, string Title);

/// <summary>
/// An answer from the knowledge base. Source: "retrieval" (the best article's text) or "llm" (generated from the top
/// articles; citations are the articles its [n] markers name). Confidence 0–1 from the retrieval score.
/// </summary>
public sealed record KnowledgeAnswerDto(string Answer, IReadOnlyList<KnowledgeCitationDto> Citations, double Confidence, bool HandOff, string? Reason, string Source);

/// <summary>What the assistant offers in one conversation: Available (enabled by an administrator, with a provider), Consent (given by an owner or admin), CanManageConsent (the caller may change it).</summary>
public sealed record AssistantStateDto(bool Available, bool Consent, bool CanManageConsent);

public sealed record SetAssistantConsentRequest(bool Consent);

/// <summary>
/// Scope "unread" (the caller's unread messages, the default) or "recent" (the last messages); ThreadRootId summarises
/// one thread. AfterSeq: with "unread", count from this read position instead of the current one (a client passes the
/// position it had when the conversation was opened, since opening it marks the messages read).
/// </summary>
public sealed record SummarizeRequest(string? Scope, long? ThreadRootId, long? AfterSeq = null);

/// <summary>A summary of MessageCount messages (empty text and no model call when there was nothing to summarise).</summary>
public sealed record ConversationSummaryDto(string Text, int MessageCount, long? FromSeq, long? ToSeq);

public sealed record ReplySuggestionsRequest(int? Count);

public sealed record ReplySuggestionsDto(IReadOnlyList<string> Suggestions);

/// <summary>Tokens and cost one AI feature used in one conversation on one UTC day (conversation 0: outside any conversation).</summary>
public sealed record AiUsageDto(long ConversationId, string Day, string Feature, long Requests, long InputTokens, long OutputTokens, decimal Cost);
