using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Ai;

namespace Parley.Server.Features.Knowledge;

/// <summary>One earlier turn of the conversation, given to the language model for context.</summary>
public sealed record KnowledgeTurn(bool FromVisitor, string Text);

/// <summary>
/// Where a question comes from: the conversation the usage is metered to (0: none), how many turns in a row the bot
/// has not resolved (the caller counts them), and optionally the last turns.
/// </summary>
public sealed record KnowledgeConversationContext(long ConversationId, int UnresolvedTurns = 0, IReadOnlyList<KnowledgeTurn>? Transcript = null);

/// <summary>A piece of a streamed answer: text as it is generated, then once the complete answer (Final).</summary>
public sealed record KnowledgeAnswerChunk(string? Delta, KnowledgeAnswerDto? Final);

/// <summary>
/// The AI first line's answer to a visitor's question, from the knowledge base: by retrieval alone, or — when an
/// administrator enabled a language model provider — generated from the retrieved articles with [n] citations. The
/// answer says whether to hand the conversation to a person and why (<see cref="HandOffReasons"/>).
/// </summary>
public interface IKnowledgeAnswerer
{
    Task<KnowledgeAnswerDto> AnswerAsync(string question, string? language, KnowledgeConversationContext? context = null, CancellationToken cancellationToken = default);

    /// <summary>The same answer streamed: deltas as the model writes them (one delta for a retrieval answer), then the final answer.</summary>
    IAsyncEnumerable<KnowledgeAnswerChunk> StreamAsync(string question, string? language, KnowledgeConversationContext? context = null, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed partial class KnowledgeAnswerer(KnowledgeIndex index, AiChat ai, IOptionsMonitor<KnowledgeOptions> options) : IKnowledgeAnswerer
{
    public const string RetrievalSource = "retrieval", LlmSource = "llm", Feature = "knowledge.answer";
    public const int MaxQuestion = 2000;

    public async Task<KnowledgeAnswerDto> AnswerAsync(string question, string? language, KnowledgeConversationContext? context = null, CancellationToken cancellationToken = default)
    {
        KnowledgeAnswerDto? final = null;
        await foreach (var chunk in StreamAsync(question, language, context, cancellationToken)) final = chunk.Final ?? final;
        return final!;
    }

    public async IAsyncEnumerable<KnowledgeAnswerChunk> StreamAsync(string question, string? language, KnowledgeConversationContext? context = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        question = question?.Trim() ?? "";
        if (question.Length is 0 or > MaxQuestion) throw ParleyException.Invalid("question", $"A question is 1–{MaxQuestion} characters.");
        if (language is not null && !KnowledgeLanguages.All.Contains(language)) throw ParleyException.Invalid("language", "language must be 'zh-CN' or 'en'.");
        var lang = language ?? KnowledgeAnalyzers.Detect(question);
        var o = options.CurrentValue;

        if (AsksForHuman(question, o.HandOffPhrases))
        {
            yield return Single(HandOff(lang, HandOffReasons.Requested, 0));
            yield break;
        }
        if (o.HandOffAfterTurns > 0 && context is { } c && c.UnresolvedTurns >= o.HandOffAfterTurns)
        {
            yield return Single(HandOff(lang, HandOffReasons.UnresolvedTurns, 0));
            yield break;
        }

        var hits = await index.SearchAsync(question, lang, o.TopK);
        var confidence = hits.Count == 0 ? 0 : hits.Max(h => h.Confidence);
        var grounding = hits.Where(h => h.Confidence >= o.MinConfidence).OrderByDescending(h => h.Confidence).ThenByDescending(h => h.Score).ToList();

        if (!ai.ProviderEnabled || (grounding.Count == 0 && o.AnswerOnlyFromKnowledgeBase))
        {
            // Retrieval only, and the refusal of the "answer only from the knowledge base" mode: nothing is sent anywhere.
            yield return Single(grounding.Count == 0 ? HandOff(lang, HandOffReasons.LowConfidence, confidence) : Retrieved(grounding[0], o));
            yield break;
        }

        var messages = Prompt(question, lang, grounding, context?.Transcript, o);
        var text = new StringBuilder();
        await using var stream = ai.StreamAsync(messages, Feature, context?.ConversationId ?? 0, new ChatOptions { Temperature = 0.2f }, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        string? failure = null;
        while (true)
        {
            try
            {
                if (!await stream.MoveNextAsync()) break;
            }
            catch (ParleyException ex) when (ex.Code is ErrorCodes.AiBudgetExhausted or ErrorCodes.AiProviderFailed)
            {
                failure = ex.Code == ErrorCodes.AiBudgetExhausted ? HandOffReasons.BudgetExhausted : HandOffReasons.ProviderFailed;
                break;
            }
            text.Append(stream.Current);
            yield return new KnowledgeAnswerChunk(stream.Current, null);
        }
        if (failure is not null && text.Length == 0)
        {
            // The model could not answer (budget, outage): the best article still can, else a person.
            yield return Single(grounding.Count > 0 ? Retrieved(grounding[0], o) : HandOff(lang, failure, confidence));
            yield break;
        }
        var answer = text.ToString().Trim();
        var citations = Cited(answer, grounding);
        var refused = grounding.Count == 0 || citations.Count == 0 && o.AnswerOnlyFromKnowledgeBase;
        yield return new KnowledgeAnswerChunk(null, new KnowledgeAnswerDto(answer, citations, confidence, refused,
            refused ? HandOffReasons.LowConfidence : failure, LlmSource));
    }

    private static KnowledgeAnswerChunk Single(KnowledgeAnswerDto answer) => new(answer.Answer, answer);

    private static KnowledgeAnswerDto Retrieved(KnowledgeHit hit, KnowledgeOptions o) =>
        new(Clip(hit.Body, o.MaxArticleChars), [new KnowledgeCitationDto(hit.Id, hit.Title)], hit.Confidence, false, null, RetrievalSource);

    private static KnowledgeAnswerDto HandOff(string language, string reason, double confidence) =>
        new(language == KnowledgeLanguages.Chinese ? "正在为您转接人工客服，请稍候。" : "Let me connect you with a person who can help.",
            [], confidence, true, reason, RetrievalSource);

    /// <summary>Chinese phrases match anywhere (there are no spaces between words); others as whole words, ignoring case.</summary>
    internal static bool AsksForHuman(string question, IEnumerable<string> phrases) =>
        phrases.Any(p => KnowledgeAnalyzers.Detect(p) == KnowledgeLanguages.Chinese
            ? question.Contains(p, StringComparison.Ordinal)
            : Regex.IsMatch(question, $@"\b{Regex.Escape(p)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));

    /// <summary>
    /// The grounded prompt: the numbered articles in the system message, the rules (answer from them, cite [n], say so
    /// when they do not answer), the last turns, then the question.
    /// </summary>
    private static List<ChatMessage> Prompt(string question, string language, IReadOnlyList<KnowledgeHit> articles, IReadOnlyList<KnowledgeTurn>? transcript, KnowledgeOptions o)
    {
        var system = new StringBuilder();
        system.AppendLine("You are the first-line customer service assistant of a company.");
        system.AppendLine(o.AnswerOnlyFromKnowledgeBase
            ? "Answer ONLY from the numbered knowledge base articles below. If they do not contain the answer, say that you do not know and that a colleague will help; do not guess."
            : "Prefer the numbered knowledge base articles below; say when you are not sure.");
        system.AppendLine("After each statement taken from an article, cite it with its number in square brackets, e.g. [1].");
        system.AppendLine(language == KnowledgeLanguages.Chinese ? "Answer in Simplified Chinese." : "Answer in English.");
        system.AppendLine();
        system.AppendLine("Knowledge base articles:");
        for (var i = 0; i < articles.Count; i++)
        {
            system.AppendLine($"[{i + 1}] {articles[i].Title}");
            system.AppendLine(Clip(articles[i].Body, o.MaxArticleChars));
            system.AppendLine();
        }
        var messages = new List<ChatMessage> { new(ChatRole.System, system.ToString()) };
        foreach (var turn in (transcript ?? []).TakeLast(10))
            messages.Add(new ChatMessage(turn.FromVisitor ? ChatRole.User : ChatRole.Assistant, Clip(turn.Text, 2000)));
        messages.Add(new ChatMessage(ChatRole.User, question));
        return messages;
    }

    /// <summary>The articles the answer's [n] markers name, in the order first cited; markers outside 1..n are ignored.</summary>
    internal static List<KnowledgeCitationDto> Cited(string answer, IReadOnlyList<KnowledgeHit> articles) =>
        [.. Marker().Matches(answer).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Where(n => n >= 1 && n <= articles.Count).Distinct()
            .Select(n => new KnowledgeCitationDto(articles[n - 1].Id, articles[n - 1].Title))];

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    [GeneratedRegex(@"\[(\d{1,2})\]")]
    private static partial Regex Marker();
}
