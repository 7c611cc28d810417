using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;
using Parley.Contracts;

namespace Parley.Server.Features.Knowledge;

/// <summary>
/// The analyzers per language: Lucene.Net's SmartCn (a hidden Markov model segmenter with its own dictionary) for
/// Chinese, the English analyzer (stop words, Porter stemming) for English. Questions go through the same analyzer
/// with a longer stop list, so "how do I …" / "怎么…吗" words neither rank nor count towards confidence.
/// </summary>
internal static class KnowledgeAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly string[] ChineseQuestionWords =
    [
        "我", "你", "您", "我们", "你们", "的", "了", "吗", "呢", "吧", "啊", "么", "是", "在", "有", "要", "想", "能", "可以", "会", "该",
        "怎么", "怎么办", "怎样", "如何", "什么", "为什么", "哪里", "哪儿", "哪", "去", "办", "请问", "一下", "请", "个", "和", "与", "把", "被", "给", "还", "就", "都",
    ];

    private static readonly string[] EnglishQuestionWords =
    [
        "how", "what", "why", "when", "where", "who", "which", "do", "does", "did", "can", "could", "should", "would", "i", "me", "my", "mine",
        "you", "your", "we", "our", "us", "it's", "i'm", "am", "is", "are", "was", "get", "please", "help", "need", "want", "there", "any", "some", "about",
    ];

    public static readonly Analyzer ChineseIndex = new SmartChineseAnalyzer(Version);
    public static readonly Analyzer EnglishIndex = new EnglishAnalyzer(Version);

    private static readonly Analyzer ChineseQuery = new SmartChineseAnalyzer(Version, Extend(SmartChineseAnalyzer.DefaultStopSet, ChineseQuestionWords));
    private static readonly Analyzer EnglishQuery = new EnglishAnalyzer(Version, Extend(EnglishAnalyzer.DefaultStopSet, EnglishQuestionWords));

    public static Analyzer ForIndex(string language) => language == KnowledgeLanguages.Chinese ? ChineseIndex : EnglishIndex;

    public static Analyzer ForQuery(string language) => language == KnowledgeLanguages.Chinese ? ChineseQuery : EnglishQuery;

    /// <summary>zh-CN when the text holds a CJK ideograph, else en.</summary>
    public static string Detect(string text) =>
        text.Any(ch => ch is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf') ? KnowledgeLanguages.Chinese : KnowledgeLanguages.English;

    public static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    private static CharArraySet Extend(CharArraySet defaults, string[] words)
    {
        var set = new CharArraySet(Version, defaults.Count + words.Length, ignoreCase: true);
        foreach (var w in defaults) set.Add(w);
        foreach (var w in words) set.Add(w);
        return set;
    }
}
