using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Messages;

namespace Parley.Server.Features.Search;

/// <summary>
/// Full-text search over the messages the user may see (active memberships only), newest first. A request's cost is
/// bounded: at most <see cref="MaxTerms"/> distinct terms (repeats are dropped), at most 100 hits, and a snippet's
/// work per hit bounded by <see cref="SearchSnippet"/>.
/// </summary>
public sealed class SearchService(SearchStore store, MessageService messages)
{
    /// <summary>Distinct words or CJK phrases per query: each is one more index lookup and one more scan of every hit.</summary>
    public const int MaxTerms = 8;

    public async Task<IReadOnlyList<SearchHitDto>> SearchAsync(long userId, string? q, long? conversationId, long? senderId, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        var terms = Terms(q);
        var rows = await store.FindAsync(userId, string.Join(' ', terms), conversationId, senderId, from?.ToUnixTimeMilliseconds(), to?.ToUnixTimeMilliseconds(), Paging.Limit(limit, 100));
        return (await messages.WithReactionsAsync(rows)).Select(m => new SearchHitDto(m, SearchSnippet.Build(m.Text, terms))).ToList();
    }

    /// <summary>The query's distinct terms (case-insensitive), in order; 400 for an empty, over-long or over-complex query.</summary>
    internal static IReadOnlyList<string> Terms(string? q)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 200) throw ParleyException.Invalid("q", "q must be 1–200 characters.");
        var terms = CjkTokenizer.SplitTerms(q).Select(t => t.text).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (terms.Count == 0) throw ParleyException.Invalid("q", "q has no searchable words.");
        if (terms.Count > MaxTerms) throw ParleyException.Invalid("q", $"q has {terms.Count} different words; at most {MaxTerms} are searched together.");
        return terms;
    }
}
