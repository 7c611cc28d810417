using System.Net;
using System.Text;

namespace Parley.Server.Features.Search;

/// <summary>
/// The excerpt shown with a hit. Its work is bounded per hit, whatever the message and the query: one scan of the
/// text per term to find the first match, then marks only inside a window of about three radii, at most
/// <see cref="MaxMarks"/> of them. It used to collect every match of every term over the whole text (16 KiB) and
/// sort them: 100 repeated terms against long messages cost seconds of CPU per request (issue 13).
/// </summary>
public static class SearchSnippet
{
    public const int MaxMarks = 16;

    /// <summary>HTML-escaped excerpt around the first match, matches wrapped in &lt;mark&gt;; nothing else is markup.</summary>
    public static string Build(string text, IReadOnlyList<string> terms, int radius = 60)
    {
        var first = text.Length;
        foreach (var term in terms)
        {
            var i = text.IndexOf(term, StringComparison.OrdinalIgnoreCase);
            if (i >= 0 && i < first) first = i;
        }
        if (first == text.Length) first = 0;
        var from = Math.Max(0, first - radius);
        var to = Math.Min(text.Length, first + radius * 2);
        var sb = new StringBuilder();
        if (from > 0) sb.Append('…');
        var pos = from;
        for (var marks = 0; marks < MaxMarks && NextMatch(text, terms, pos, to) is var (start, length); marks++)
        {
            sb.Append(WebUtility.HtmlEncode(text[pos..start])).Append("<mark>").Append(WebUtility.HtmlEncode(text.Substring(start, length))).Append("</mark>");
            pos = start + length;
        }
        sb.Append(WebUtility.HtmlEncode(text[pos..to]));
        if (to < text.Length) sb.Append('…');
        return sb.ToString();
    }

    /// <summary>The earliest match that lies wholly in [pos, to), the longest term when several start there.</summary>
    private static (int Start, int Length)? NextMatch(string text, IReadOnlyList<string> terms, int pos, int to)
    {
        (int Start, int Length)? best = null;
        foreach (var term in terms)
        {
            if (term.Length > to - pos) continue;
            var i = text.IndexOf(term, pos, to - pos, StringComparison.OrdinalIgnoreCase);
            if (i >= 0 && (best is not { } b || i < b.Start || (i == b.Start && term.Length > b.Length))) best = (i, term.Length);
        }
        return best;
    }
}
