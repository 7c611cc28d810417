using Parley.Contracts;
using Parley.Server.Features.Moderation;

namespace Parley.Server.Tests.Moderation;

/// <summary>
/// The matcher behind the sensitive-word filter, on an evasion corpus and on ordinary sentences. The words are
/// invented (no real list ships): 违禁词, 毒品交易 (written traditional as 毒品交易 → 毒品交易), "badword", "scam".
/// </summary>
public class SensitiveWordMatchingTests
{
    private static RuleSnapshot Rules(params (string Pattern, string Action)[] rules) =>
        new([.. rules.Select((r, i) => new ModerationRuleRecord(i + 1, r.Pattern, TextFolding.Fold(r.Pattern), r.Action, "", null, 0))]);

    private static readonly RuleSnapshot Corpus = Rules(("违禁词", ModerationActions.Block), ("发票代开", ModerationActions.Mask), ("badword", ModerationActions.Flag), ("scam", ModerationActions.Block));

    [Theory]
    [InlineData("这里有违禁词", "违禁词")]
    [InlineData("这里有违 禁 词", "违禁词")]                  // inserted spaces
    [InlineData("这里有违.禁-词!", "违禁词")]                  // inserted punctuation
    [InlineData("这里有违\u200B禁\u200D词", "违禁词")]         // zero-width space and joiner
    [InlineData("这里有违\u3000禁词", "违禁词")]               // ideographic space
    [InlineData("这里有違禁詞", "違禁詞")]                     // traditional characters
    [InlineData("这里有违★禁☆词", "违禁词")]                   // symbols between
    [InlineData("a ＢＡＤＷＯＲＤ here", "ＢＡＤＷＯＲＤ")]     // full-width letters
    [InlineData("a BaDwOrD here", "BaDwOrD")]                   // mixed case
    [InlineData("a b.a.d.w.o.r.d here", "badword")]             // letters split by dots
    [InlineData("SCAM!", "SCAM")]
    public void Evasions_AreFound(string text, string matched)
    {
        var outcome = Corpus.Evaluate(text, 0);
        Assert.True(outcome.Matches.Count > 0, $"'{text}' should match a rule");
        Assert.Equal(matched, outcome.Matches[0].Matched);
    }

    [Theory]
    [InlineData("违反规定的禁止事项都有词条说明")] // every character of 违禁词, apart, with words between
    [InlineData("发票已经开好了，代为转交")]
    [InlineData("Bad words are not nice")]          // "bad" + "words": the rule is one word
    [InlineData("The scampi was good")]             // "scam" inside a longer word
    [InlineData("Ask the badwordsmith")]           // "badwordsmith" is another word
    [InlineData("普通的一句话，没有问题。")]
    public void OrdinarySentences_AreNotMatched(string text) =>
        Assert.Empty(Corpus.Evaluate(text, 0).Matches);

    [Fact]
    public void Mask_ReplacesExactlyTheMatchedCharacters_AndKeepsWhatWasInsertedBetween()
    {
        var outcome = Corpus.Evaluate("可以发 票 代开吗？发票代开", 0);
        Assert.Equal("可以* * **吗？****", outcome.Text);
        Assert.False(outcome.Blocked);
        Assert.Equal(2, outcome.Matches.Count);
    }

    [Fact]
    public void Block_WinsOverMaskAndFlag()
    {
        var outcome = Corpus.Evaluate("badword 发票代开 违禁词", 0);
        Assert.True(outcome.Blocked);
        Assert.Equal(3, outcome.Matches.Count);
    }

    [Fact]
    public void OverlappingAndNestedPatterns_AreAllFound()
    {
        var rules = Rules(("他们", ModerationActions.Flag), ("们的", ModerationActions.Flag), ("他们的人", ModerationActions.Flag), ("中国", ModerationActions.Flag), ("国人", ModerationActions.Flag),
            ("she", ModerationActions.Flag), ("he", ModerationActions.Flag));
        Assert.Equal(["他们", "们的", "他们的人"], rules.Evaluate("他们的人", 0).Matches.Select(m => m.Rule.Pattern));
        // Latin patterns are whole words: "he" is not inside "she", nor "she" inside "ushers".
        Assert.Equal(["she", "he"], rules.Evaluate("she said he ushers", 0).Matches.Select(m => m.Rule.Pattern));
        Assert.Equal(["中国", "国人"], rules.Evaluate("中国人", 0).Matches.Select(m => m.Rule.Pattern));
    }

    [Fact]
    public void ScopedRules_ApplyOnlyInTheirConversations()
    {
        var rules = new RuleSnapshot([new ModerationRuleRecord(1, "机密", TextFolding.Fold("机密"), ModerationActions.Block, "[7,9]", null, 0)]);
        Assert.True(rules.Evaluate("这是机密", 7).Blocked);
        Assert.Empty(rules.Evaluate("这是机密", 8).Matches);
        Assert.Empty(rules.Evaluate("这是机密", 0).Matches);
    }

    [Fact]
    public void SamePatternWithTwoActions_ReportsBoth()
    {
        var rules = new RuleSnapshot([
            new ModerationRuleRecord(1, "机密", "机密", ModerationActions.Flag, "", null, 0),
            new ModerationRuleRecord(2, "機密", "机密", ModerationActions.Mask, "[5]", null, 0)]);
        Assert.Equal([1L, 2L], rules.Evaluate("机密文件", 5).Matches.Select(m => m.Rule.Id));
        Assert.Equal("**文件", rules.Evaluate("机密文件", 5).Text);
        Assert.Equal("机密文件", rules.Evaluate("机密文件", 6).Text);
    }

    [Fact]
    public void Folding_IsNfkcLowerSimplified_AndDropsSeparators()
    {
        Assert.Equal("abc123", TextFolding.Fold("ＡＢＣ１２３"));
        Assert.Equal("国语说", TextFolding.Fold("國 語．說"));
        Assert.Equal("", TextFolding.Fold(" .,!?\u200B\u2060 "));
        Assert.Equal("乾坤", TextFolding.Fold("乾坤")); // 乾 is also a simplified character (乾坤): not folded to 干
    }

    [Fact]
    public void ThousandsOfRules_FindEveryPlantedWord()
    {
        var random = new Random(7);
        var words = Enumerable.Range(0, 10_000).Select(_ => new string([.. Enumerable.Range(0, random.Next(2, 6)).Select(_ => (char)random.Next(0x4E00, 0x9FA5))]))
            .Distinct().ToArray();
        var rules = new RuleSnapshot([.. words.Select((w, i) => new ModerationRuleRecord(i + 1, w, TextFolding.Fold(w), ModerationActions.Flag, "", null, 0))]);
        var planted = new[] { words[0], words[4321], words[^1] };
        var text = $"开头{planted[0]}中间的一些话{planted[1]}，还有{planted[2]}结束";
        var found = rules.Evaluate(text, 0).Matches.Select(m => m.Rule.Pattern).ToHashSet();
        Assert.Superset(planted.ToHashSet(), found);
    }
}
