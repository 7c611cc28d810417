using Parley.Server.Features.SlashCommands;

namespace Parley.Server.Tests.Integrations;

public class RemindTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero); // 18:00 in Shanghai
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("10m", 0, 10)]
    [InlineData("2h", 2, 0)]
    [InlineData("1h30m", 1, 30)]
    [InlineData("1d", 24, 0)]
    public void Parse_Duration_IsFromNow(string word, int hours, int minutes)
    {
        Assert.Equal(Now + new TimeSpan(hours, minutes, 0), RemindTime.Parse([word], Now, Shanghai, out var used));
        Assert.Equal(1, used);
    }

    [Fact]
    public void Parse_TomorrowAtNine_IsNineInTheUsersZone()
    {
        Assert.Equal(new DateTimeOffset(2026, 5, 2, 9, 0, 0, TimeSpan.FromHours(8)), RemindTime.Parse(["明天", "9:00"], Now, Shanghai, out var used));
        Assert.Equal(2, used);
    }

    [Fact]
    public void Parse_TimeAlreadyPastToday_MeansTomorrow()
    {
        Assert.Equal(new DateTimeOffset(2026, 5, 2, 9, 0, 0, TimeSpan.FromHours(8)), RemindTime.Parse(["09:00"], Now, Shanghai, out _));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 20, 0, 0, TimeSpan.FromHours(8)), RemindTime.Parse(["20:00"], Now, Shanghai, out _));
    }

    [Theory]
    [InlineData("someday")]
    [InlineData("0m")]
    [InlineData("25:00")]
    public void Parse_Nonsense_IsNull(string word) => Assert.Null(RemindTime.Parse([word], Now, Shanghai, out _));
}
