using System.Text;

namespace Parley.Server.Features.Search;

/// <summary>
/// Prepares text for the full-text index so that Chinese, Japanese and Korean match without a dictionary.
/// Those scripts have no spaces and most Chinese words are two characters, which a trigram index cannot
/// find. Each CJK run "c1c2…cn" is written as overlapping bigrams "c1c2 c2c3 … c(n-1)cn" followed by the
/// unigram "cn"; every character then starts exactly one token. A query of two or more characters becomes
/// the phrase of its bigrams (adjacent positions), and a single character becomes a prefix query.
/// Other text passes through to FTS5's unicode61 tokenizer (words, case and diacritics folded).
/// </summary>
public static class CjkTokenizer
{
    public static bool IsCjk(Rune r)
    {
        var v = r.Value;
        return v is >= 0x4E00 and <= 0x9FFF      // CJK Unified Ideographs
            or >= 0x3400 and <= 0x4DBF           // Extension A
            or >= 0x20000 and <= 0x3134F         // Extensions B–G
            or >= 0xF900 and <= 0xFAFF           // Compatibility Ideographs
            or >= 0x3040 and <= 0x30FF           // Hiragana, Katakana
            or >= 0xAC00 and <= 0xD7AF;          // Hangul syllables
    }

    /// <summary>The text as it is written into the index.</summary>
    public static string ForIndex(string text)
    {
        var sb = new StringBuilder(text.Length * 3);
        var run = new List<Rune>();
        foreach (var r in text.EnumerateRunes())
        {
            if (IsCjk(r))
            {
                run.Add(r);
                continue;
            }
            Flush(run, sb);
            sb.Append(r.ToString());
        }
        Flush(run, sb);
        return sb.ToString();
    }

    private static void Flush(List<Rune> run, StringBuilder sb)
    {
        if (run.Count == 0) return;
        sb.Append(' ');
        foreach (var token in Grams(run)) sb.Append(token).Append(' ');
        run.Clear();
    }

    private static IEnumerable<string> Grams(List<Rune> run)
    {
        for (var i = 0; i + 1 < run.Count; i++) yield return run[i].ToString() + run[i + 1].ToString();
        yield return run[^1].ToString();
    }

    /// <summary>The query for SQLite FTS5 (MATCH): bigram phrases and prefix words, all required.</summary>
    public static string? ToMatchQuery(string query) =>
        BuildQuery(query, word => Quote(word) + "*", bigrams => Quote(string.Join(' ', bigrams)), " AND ");

    /// <summary>The same query for PostgreSQL (to_tsquery('simple', …)): <c>'ab' &lt;-&gt; 'bc'</c> phrases and <c>'word':*</c> prefixes.</summary>
    public static string? ToTsQuery(string query) =>
        BuildQuery(query, word => Literal(word) + ":*", bigrams => "(" + string.Join(" <-> ", bigrams.Select(Literal)) + ")", " & ");

    private static string? BuildQuery(string query, Func<string, string> prefix, Func<IReadOnlyList<string>, string> phrase, string and)
    {
        var terms = new List<string>();
        foreach (var piece in SplitTerms(query))
        {
            var runes = piece.text.EnumerateRunes().ToList();
            if (!piece.cjk || runes.Count == 1)
            {
                terms.Add(prefix(piece.text));
                continue;
            }
            var bigrams = new List<string>();
            for (var i = 0; i + 1 < runes.Count; i++) bigrams.Add(runes[i].ToString() + runes[i + 1].ToString());
            terms.Add(phrase(bigrams));
        }
        return terms.Count == 0 ? null : string.Join(and, terms);
    }

    /// <summary>Splits into CJK runs and alphanumeric words; punctuation and operators are dropped (no FTS syntax injection).</summary>
    internal static IEnumerable<(string text, bool cjk)> SplitTerms(string query)
    {
        var sb = new StringBuilder();
        bool? cjk = null;
        foreach (var r in query.EnumerateRunes())
        {
            bool isCjk = IsCjk(r);
            bool isWord = isCjk || Rune.IsLetterOrDigit(r);
            if (!isWord || (cjk is { } c && c != isCjk))
            {
                if (sb.Length > 0) yield return (sb.ToString(), cjk!.Value);
                sb.Clear();
                cjk = null;
                if (!isWord) continue;
            }
            sb.Append(r.ToString());
            cjk = isCjk;
        }
        if (sb.Length > 0) yield return (sb.ToString(), cjk!.Value);
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";

    /// <summary>A tsquery lexeme literal (terms are letters and digits only, but quote as the syntax requires anyway).</summary>
    private static string Literal(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
