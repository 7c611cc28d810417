namespace Parley.Server.Features.Knowledge;

/// <summary>Parley:Ai:Knowledge — how the knowledge base answers and when it hands a conversation to a human.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Parley:Ai:Knowledge";

    /// <summary>
    /// Lowest confidence (0–1) an answer may have; below it the answerer hands off (reason low_confidence). Confidence
    /// is the share of the question's searchable words, weighted by rarity, that the best article contains. In the
    /// seeded tests (KnowledgeRetrievalTests) paraphrased questions scored 0.2–1.0 (most 0.4–0.7) and unrelated ones
    /// found no article at all; raise it for fewer wrong answers, lower it for fewer hand-offs.
    /// </summary>
    public double MinConfidence { get; set; } = 0.35;

    /// <summary>Articles given to the language model as grounding (and the most the retrieval search returns).</summary>
    public int TopK { get; set; } = 3;

    /// <summary>The language model answers only from the retrieved articles and refuses (hands off) when none passes MinConfidence.</summary>
    public bool AnswerOnlyFromKnowledgeBase { get; set; } = true;

    /// <summary>Hand off after this many unresolved turns (the caller counts them); 0: never for this reason.</summary>
    public int HandOffAfterTurns { get; set; } = 3;

    /// <summary>Words that ask for a person. Chinese ones match anywhere in the question, others as whole words, ignoring case.</summary>
    public string[] HandOffPhrases { get; set; } = ["人工", "转人工", "真人", "客服人员", "agent", "human", "person", "representative"];

    /// <summary>Characters of an article given to the model or returned as a retrieval answer.</summary>
    public int MaxArticleChars { get; set; } = 4000;

    /// <summary>Characters in an article's body (Markdown).</summary>
    public int MaxBodyChars { get; set; } = 50_000;

    /// <summary>Articles the knowledge base may hold (each node indexes them all in memory).</summary>
    public int MaxArticles { get; set; } = 20_000;

    internal bool IsValid() =>
        MinConfidence is >= 0 and <= 1 && TopK is >= 1 and <= 20 && HandOffAfterTurns >= 0 && HandOffPhrases.All(p => !string.IsNullOrWhiteSpace(p))
        && MaxArticleChars is >= 100 and <= 100_000 && MaxBodyChars is >= 100 and <= 1_000_000 && MaxArticles is >= 1 and <= 1_000_000;
}
