using Parley.Contracts;
using Parley.Server.Features.Moderation;

namespace Parley.Server.Tests.Moderation;

/// <summary>
/// Who a rule reaches (scopes, exemptions) and pinyin matching, on the compiled rules. Words are invented; 敏感 stands
/// for any two-character rule (min gan), 机密 for another (ji mi).
/// </summary>
public class ModerationReachTests
{
    private static ModerationRuleRecord Rule(long id, string pattern, string action = ModerationActions.Mask, string scope = ModerationScopes.All,
        string conversations = "", string exemptUsers = "", string exemptConversations = "", bool pinyin = false) =>
        new(id, pattern, TextFolding.Fold(pattern), action, conversations, null, 0, scope, exemptUsers, exemptConversations, pinyin ? 1 : 0);

    private static RuleSnapshot Pinyin(string pattern = "敏感") => new([Rule(1, pattern, pinyin: true)]);

    [Fact]
    public void ExternalScope_ScreensOnlyExternalAuthors()
    {
        var rules = new RuleSnapshot([Rule(1, "机密", ModerationActions.Block, ModerationScopes.External)],
            new RuleContext(new HashSet<long>(), new HashSet<long>(), new HashSet<long> { 42 }));
        Assert.True(rules.Evaluate("这是机密", 5, 42).Blocked);
        Assert.Empty(rules.Evaluate("这是机密", 5, 7).Matches);
        Assert.Empty(rules.Evaluate("这是机密", 5).Matches); // nobody in particular is not external
    }

    [Fact]
    public void RuleExemptions_LeaveTheirAuthorsAndConversationsAlone()
    {
        var rules = new RuleSnapshot([Rule(1, "机密", ModerationActions.Block, exemptUsers: "[9]", exemptConversations: "[3]"), Rule(2, "草稿", ModerationActions.Mask)]);
        Assert.True(rules.Evaluate("机密", 1, 8).Blocked);
        Assert.False(rules.Evaluate("机密", 1, 9).Blocked);
        Assert.False(rules.Evaluate("机密", 3, 8).Blocked);
        // The exemption is the rule's own: another rule still masks the exempt author's text.
        Assert.Equal("机密**", rules.Evaluate("机密草稿", 1, 9).Text);
    }

    [Fact]
    public void GlobalExemptions_SkipEveryRule()
    {
        var rules = new RuleSnapshot([Rule(1, "机密", ModerationActions.Block), Rule(2, "草稿")],
            new RuleContext(new HashSet<long> { 9 }, new HashSet<long> { 3 }, new HashSet<long>()));
        Assert.Empty(rules.Evaluate("机密草稿", 1, 9).Matches);
        Assert.Empty(rules.Evaluate("机密草稿", 3, 8).Matches);
        Assert.Equal(2, rules.Evaluate("机密草稿", 1, 8).Matches.Count);
    }

    [Fact]
    public void ExternalScope_CombinesWithConversations()
    {
        var rules = new RuleSnapshot([Rule(1, "机密", ModerationActions.Block, ModerationScopes.External, conversations: "[4]")],
            new RuleContext(new HashSet<long>(), new HashSet<long>(), new HashSet<long> { 42 }));
        Assert.True(rules.Evaluate("机密", 4, 42).Blocked);
        Assert.False(rules.Evaluate("机密", 5, 42).Blocked);
        Assert.False(rules.Evaluate("机密", 4, 7).Blocked);
    }

    [Theory]
    [InlineData("这个话题很mingan", "这个话题很******")]
    [InlineData("这个话题很 min gan 啊", "这个话题很 *** *** 啊")]
    [InlineData("MinGan topic", "****** topic")]
    [InlineData("MIN-GAN!", "***-***!")]
    [InlineData("ｍｉｎｇａｎ", "******")]              // full-width letters fold first
    [InlineData("min\u200Bgan", "***\u200B***")]        // a zero-width space does not split the word
    [InlineData("很敏gan的", "很****的")]                // half characters, half pinyin
    [InlineData("他说民感很重要", "他说**很重要")]       // a homophone: 民 reads min
    [InlineData("他说敏感很重要", "他说**很重要")]       // the characters themselves: the automaton's match, once
    public void Pinyin_FindsTheRuleWrittenInLatinLettersAndHomophones(string text, string masked)
    {
        var outcome = Pinyin().Evaluate(text, 1);
        Assert.True(outcome.Matches.Count == 1, $"expected one match in '{text}', got {outcome.Matches.Count}");
        Assert.Equal(masked, outcome.Text);
    }

    /// <summary>Ordinary sentences with the rule's syllables apart, inside other words, or across a word boundary.</summary>
    [Theory]
    [InlineData("The admin began the migration at nine.")]
    [InlineData("Min and Gan went home early.")]
    [InlineData("I'm in Gansu next week.")]
    [InlineData("Mingle with the gang, then mine again.")]
    [InlineData("The admin gantry is minimal; organise a gala.")]
    [InlineData("Ming and Ann met at the main gate.")]
    [InlineData("Send the mining gannet report by 5 pm.")]
    [InlineData("mingano is not a word; neither is amingan.")]
    [InlineData("min 2 gan")]
    [InlineData("敏捷的团队感到满意。")]
    [InlineData("他很敏锐，也很感性。")]
    [InlineData("明天下午开会，感谢大家。")]
    [InlineData("今天的工作很敏捷，大家都很满意，不敢怠慢。")]
    public void Pinyin_LeavesOrdinarySentencesAlone(string text) =>
        Assert.Empty(Pinyin().Evaluate(text, 1).Matches);

    [Fact]
    public void Pinyin_IsOptInPerRule()
    {
        var rules = new RuleSnapshot([Rule(1, "敏感"), Rule(2, "机密", pinyin: true)]);
        Assert.Equal(["机密"], rules.Evaluate("mingan and jimi", 1).Matches.Select(m => m.Rule.Pattern));
    }

    [Fact]
    public void Pinyin_RespectsScopeAndExemptions()
    {
        var rules = new RuleSnapshot([Rule(1, "敏感", exemptUsers: "[9]", pinyin: true)]);
        Assert.Single(rules.Evaluate("mingan", 1, 8).Matches);
        Assert.Empty(rules.Evaluate("mingan", 1, 9).Matches);
    }

    [Theory]
    [InlineData("敏", false)]       // one syllable: "an", "he", "men" are English words
    [InlineData("badword", false)]  // no Chinese character: nothing to read
    [InlineData("敏感", true)]
    [InlineData("A片", true)]
    public void CanMatch_NeedsChineseAndTwoSyllables(string pattern, bool can) =>
        Assert.Equal(can, PinyinMatcher.CanMatch(TextFolding.Fold(pattern)));

    [Fact]
    public void Pinyin_HeteronymsMatchEveryReading()
    {
        // 重 reads zhong and chong: a rule 重要 (invented) with pinyin finds both spellings.
        var rules = Pinyin("重要");
        Assert.Single(rules.Evaluate("zhongyao", 1).Matches);
        Assert.Single(rules.Evaluate("chong yao", 1).Matches);
    }

    [Theory]
    [InlineData("minganci")]        // all three syllables in one word
    [InlineData("min ganci")]       // the second word holds the second and the third
    [InlineData("mingan 词")]       // the last syllable as its character
    [InlineData("民 gan ci")]       // a homophone first, then words
    public void Pinyin_LongerRule_MatchesAcrossWordsAndCharacters(string text)
    {
        // The matcher is indexed by the first two syllables: the rest must still be checked, unit by unit.
        var outcome = Pinyin("敏感词").Evaluate(text, 1);
        Assert.True(outcome.Matches.Count == 1, $"敏感词 with pinyin should match \"{text}\" once, matched {outcome.Matches.Count} times");
    }

    [Theory]
    [InlineData("mingan")]          // two syllables of three
    [InlineData("minganc")]         // a partial third syllable
    [InlineData("mingan ciao")]     // the third word is longer than the syllable
    public void Pinyin_LongerRule_NeedsEverySyllableAsWholeUnits(string text) =>
        Assert.Empty(Pinyin("敏感词").Evaluate(text, 1).Matches);
}
