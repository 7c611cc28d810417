using Parley.Server.Features.Search;

namespace Parley.Server.Tests;

public class CjkTokenizerTests
{
    [Fact]
    public void ForIndex_ChineseRun_EmitsOverlappingBigramsAndFinalUnigram()
    {
        Assert.Equal(" 部署 署方 方案 案 ", CjkTokenizer.ForIndex("部署方案"));
    }

    [Fact]
    public void ForIndex_MixedText_KeepsLatinWordsIntact()
    {
        var indexed = CjkTokenizer.ForIndex("Parley部署 on Linux");
        Assert.StartsWith("Parley 部署 署 ", indexed);
        Assert.EndsWith(" on Linux", indexed);
    }

    [Theory]
    [InlineData("部署", "\"部署\"")]
    [InlineData("运维费用", "\"运维 维费 费用\"")]
    [InlineData("部", "\"部\"*")]
    [InlineData("deploy 部署", "\"deploy\"* AND \"部署\"")]
    [InlineData("a\"b OR c", "\"a\"* AND \"b\"* AND \"OR\"* AND \"c\"*")]
    public void ToMatchQuery_BuildsSafeFtsExpression(string query, string expected)
    {
        Assert.Equal(expected, CjkTokenizer.ToMatchQuery(query));
    }

    [Fact]
    public void ToMatchQuery_OnlyPunctuation_IsNull()
    {
        Assert.Null(CjkTokenizer.ToMatchQuery("\"*^()"));
    }
}
