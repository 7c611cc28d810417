using System.Text;
using BenchmarkDotNet.Attributes;
using Parley.Contracts;
using Parley.Server.Features.Moderation;

namespace Parley.Microbench;

/// <summary>
/// The sensitive-word filter's cost on one 1 KB message (issue 16's budget: under 50 µs with 10,000 rules): a mixed
/// Chinese/English text that matches no rule (the common case) and one with a masked word, against 0, 1,000 and
/// 10,000 invented rules of 2–5 ideographs or Latin letters, without pinyin rules and with one rule in ten matching by
/// pinyin too. The rules come from a fixed seed, so every run measures the same set.
/// </summary>
[MemoryDiagnoser]
public class SensitiveWordBenchmarks
{
    private RuleSnapshot _rules = null!;
    private string _clean = "", _dirty = "";

    [Params(0, 1_000, 10_000)]
    public int Rules { get; set; }

    /// <summary>Every how-manyth rule also matches by pinyin (0: none); pinyin rules add a second pass over the text.</summary>
    [Params(0, 10)]
    public int PinyinEvery { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(16);
        var words = new HashSet<string>();
        while (words.Count < Rules)
        {
            var latin = random.Next(4) == 0;
            var length = random.Next(latin ? 4 : 2, latin ? 9 : 6);
            words.Add(new string([.. Enumerable.Range(0, length).Select(_ => latin ? (char)random.Next('a', 'z' + 1) : (char)random.Next(0x4E00, 0x9FA5))]));
        }
        _rules = new RuleSnapshot([.. words.Select((w, i) => new ModerationRuleRecord(i + 1, w, TextFolding.Fold(w), ModerationActions.Mask, "", null, 0,
            Pinyin: PinyinEvery > 0 && i % PinyinEvery == 0 && PinyinMatcher.CanMatch(TextFolding.Fold(w)) ? 1 : 0))]);
        var text = new StringBuilder();
        string[] parts = ["今天下午三点在第二会议室开会，讨论下季度的预算安排。", "Please review the draft before Friday and leave comments. ", "附件里是最新的报价单，请查收。", "Thanks, see you at the standup! "];
        while (text.Length < 1024) text.Append(parts[text.Length % parts.Length]);
        _clean = text.ToString(0, 1024);
        _dirty = Rules == 0 ? _clean : _clean[..500] + words.First() + _clean[(500 + words.First().Length)..];
    }

    [Benchmark(Baseline = true)]
    public RuleOutcome CleanMessage() => _rules.Evaluate(_clean, 1);

    [Benchmark]
    public RuleOutcome MessageWithAMatch() => _rules.Evaluate(_dirty, 1);
}
