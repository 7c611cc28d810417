using System.Net;
using System.Text;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Messages;
using Parley.Server.Storage;

namespace Parley.Server.Features.Search;

/// <summary>Full-text search over the messages the user may see (active memberships only), newest first.</summary>
public sealed class SearchService(Database database, MessageService messages)
{
    public IReadOnlyList<SearchHitDto> Search(long userId, string? q, long? conversationId, long? senderId, DateTimeOffset? from, DateTimeOffset? to, int? limit)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 200) throw ParleyException.Invalid("q", "q must be 1–200 characters.");
        var n = Paging.Limit(limit, 100);
        using var c = database.Open();
        var index = SearchIndex.For(c, q);
        var rows = c.Query<MessageRecord>(
            $"""
            SELECT {MessageStore.Columns}
            FROM {index.From}
            JOIN messages m ON m.id = {index.Id}
            JOIN members mb ON mb.conversation_id = m.conversation_id AND mb.user_id = @userId AND mb.active = 1
            WHERE {index.Match}
              AND (@conversationId IS NULL OR m.conversation_id = @conversationId)
              AND (@senderId IS NULL OR m.sender_id = @senderId)
              AND (@fromMs IS NULL OR m.created_at >= @fromMs)
              AND (@toMs IS NULL OR m.created_at < @toMs)
              AND m.deleted_at IS NULL AND m.recalled_at IS NULL
            ORDER BY {index.Id} DESC
            LIMIT @n
            """,
            new { userId, match = index.Terms, conversationId, senderId, fromMs = from?.ToUnixTimeMilliseconds(), toMs = to?.ToUnixTimeMilliseconds(), n }).AsList();
        var terms = CjkTokenizer.SplitTerms(q).Select(t => t.text).ToList();
        return messages.WithReactions(rows).Select(m => new SearchHitDto(m, Snippet(m.Text, terms))).ToList();
    }

    /// <summary>HTML-escaped excerpt around the first hit with every hit wrapped in &lt;mark&gt;; nothing else is markup.</summary>
    internal static string Snippet(string text, IReadOnlyList<string> terms, int radius = 60)
    {
        var hits = new List<(int start, int end)>();
        foreach (var term in terms.Where(t => t.Length > 0))
        {
            for (var i = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(term, i + term.Length, StringComparison.OrdinalIgnoreCase))
                hits.Add((i, i + term.Length));
        }
        hits.Sort();
        var first = hits.Count > 0 ? hits[0].start : 0;
        var from = Math.Max(0, first - radius);
        var to = Math.Min(text.Length, first + radius * 2);
        var sb = new StringBuilder();
        if (from > 0) sb.Append('…');
        var pos = from;
        foreach (var (start, end) in hits.Where(h => h.start >= from && h.end <= to))
        {
            if (start < pos) continue;
            sb.Append(WebUtility.HtmlEncode(text[pos..start])).Append("<mark>").Append(WebUtility.HtmlEncode(text[start..end])).Append("</mark>");
            pos = end;
        }
        sb.Append(WebUtility.HtmlEncode(text[pos..to]));
        if (to < text.Length) sb.Append('…');
        return sb.ToString();
    }
}
