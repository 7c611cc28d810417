using Parley.Server.Features.Organisation;

namespace Parley.Server.Tests.Identity;

/// <summary>Pinyin keys from the generated Unihan table: full spellings, initials, heteronyms, and the cap.</summary>
public class PinyinTests
{
    private static string[] Keys(string name) => Pinyin.Keys(name)!.Trim('|').Split('|');

    [Fact]
    public void Keys_ZhangSan_HasFullInitialsAndGivenName()
    {
        var keys = Keys("张三");
        Assert.Contains("zhangsan", keys);
        Assert.Contains("zs", keys);
        Assert.Contains("san", keys);
        Assert.Equal("zhangsan", Pinyin.NormalizeQuery("Zhang San"));
    }

    [Fact]
    public void Keys_Heteronyms_KeepEveryReading_CustomaryFirst()
    {
        Assert.Equal("dan", Pinyin.Readings('单')[0]);
        Assert.Contains("shan", Pinyin.Readings('单'));
        Assert.Contains("chan", Pinyin.Readings('单'));
        Assert.Equal("zhong", Pinyin.Readings('重')[0]);
        Assert.Contains("chong", Pinyin.Readings('重'));
        Assert.Contains("shanxiongxin", Keys("单雄信")); // 单 as a surname
        Assert.Contains("danxiongxin", Keys("单雄信"));
        Assert.Contains("chongyang", Keys("重阳"));
        Assert.Contains("zhongyang", Keys("重阳"));
        Assert.Equal("lv", Pinyin.Readings('吕')[0]); // ü written v
    }

    [Fact]
    public void Keys_ManyHeteronyms_AreCapped()
    {
        // Every character here has several readings: without a cap, 12 of them would make thousands of spellings.
        var name = "重单长行乐和重单长行乐和";
        var keys = Keys(name);
        Assert.InRange(keys.Length, 1, Pinyin.MaxSpellings * 12 * 2); // spellings × start positions × (full, initials)
        Assert.True(Pinyin.Keys(name)!.Length < 20_000, "keys stay small");
    }

    [Fact]
    public void Keys_NoHan_IsNull_MixedKeepsLetters()
    {
        Assert.Null(Pinyin.Keys("Alice Smith"));
        Assert.Contains("alizhang", Keys("Ali张"));
        Assert.Null(Pinyin.NormalizeQuery("张三"));
    }
}
