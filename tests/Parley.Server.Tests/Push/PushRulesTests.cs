using System.Text;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Features.Push;

namespace Parley.Server.Tests.Push;

/// <summary>The rules behind a push, without a server: quiet hours across midnight and time zones, and what a preview reveals.</summary>
public class PushRulesTests
{
    private static PushStore.SettingsRow Quiet(string start, string end, string? zone = null, DateTimeOffset? paused = null) => new()
    {
        QuietStart = DoNotDisturb.ParseTime(start), QuietEnd = DoNotDisturb.ParseTime(end), TimeZone = zone, PausedUntil = paused?.ToUnixTimeMilliseconds(),
    };

    [Theory]
    [InlineData("2026-12-05T23:30:00Z", true)]
    [InlineData("2026-12-06T06:59:00Z", true)]
    [InlineData("2026-12-06T07:00:00Z", false)]
    [InlineData("2026-12-05T21:59:00Z", false)]
    public void QuietHours_AcrossMidnight_StartInsideEndOutside(string utc, bool quiet) =>
        Assert.Equal(quiet, DoNotDisturb.IsQuiet(Quiet("22:00", "07:00"), DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void QuietHours_AreReadInTheUsersTimeZone()
    {
        // 15:00 UTC is 23:00 in Shanghai (UTC+8): quiet there, not in UTC.
        var at = new DateTimeOffset(2026, 12, 5, 15, 0, 0, TimeSpan.Zero);
        Assert.True(DoNotDisturb.IsQuiet(Quiet("22:00", "07:00", "Asia/Shanghai"), at));
        Assert.False(DoNotDisturb.IsQuiet(Quiet("22:00", "07:00"), at));
        Assert.True(DoNotDisturb.IsQuiet(Quiet("12:00", "14:00", "Asia/Shanghai"), at.AddHours(-10)), "05:00 UTC is 13:00 in Shanghai, inside 12:00–14:00");
    }

    [Fact]
    public void Pause_SilencesUntilItsEnd()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.True(DoNotDisturb.IsQuiet(new PushStore.SettingsRow { PausedUntil = now.AddMinutes(5).ToUnixTimeMilliseconds() }, now));
        Assert.False(DoNotDisturb.IsQuiet(new PushStore.SettingsRow { PausedUntil = now.AddMinutes(-5).ToUnixTimeMilliseconds() }, now));
        Assert.False(DoNotDisturb.IsQuiet(null, now));
    }

    private static readonly PushMessage Message = new(7, 42, "Team 研发", "Alice 王", "Lunch at noon? 中午吃饭");

    private static PushPayload Parse(string json) => JsonSerializer.Deserialize<PushPayload>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    [Fact]
    public void Preview_Full_Sender_None_RevealOnlyWhatTheySay()
    {
        var full = Parse(PushPayloads.Build(Message, PushPreviews.Full, "en", mentioned: false));
        Assert.Equal(("Team 研发", "Alice 王", "Lunch at noon? 中午吃饭", "/#/c/7/m/42"), (full.ConversationName, full.Sender, full.Text, full.Url));
        var sender = Parse(PushPayloads.Build(Message, PushPreviews.Sender, "en", mentioned: false));
        Assert.Equal(("Alice 王", null), (sender.Sender, sender.Text));
        var none = Parse(PushPayloads.Build(Message, PushPreviews.None, "zh-CN", mentioned: true));
        Assert.Equal((null, null, null, 7L, 42L, "zh-CN", true), (none.ConversationName, none.Sender, none.Text, none.ConversationId, none.MessageId, none.Lang, none.Mention));
    }

    [Theory]
    [InlineData(PushPreviews.Full, false, PushPreviews.Full)]
    [InlineData(PushPreviews.Full, true, PushPreviews.Sender)]
    [InlineData(PushPreviews.None, true, PushPreviews.None)]
    [InlineData(PushPreviews.Sender, false, PushPreviews.Sender)]
    public void HideContent_LowersFullToSender_NeverRaisesTheServerLimit(string server, bool hide, string expected) =>
        Assert.Equal(expected, PushPayloads.EffectivePreview(server, hide));

    [Fact]
    public void Payload_StaysUnderTheWebPushLimit_ForTheLongestMessage()
    {
        var longest = Message with { Text = string.Concat(Enumerable.Repeat("汉字\u0001", 6000)), SenderName = new string('名', 300), ConversationName = new string('群', 300) };
        var json = PushPayloads.Build(longest, PushPreviews.Full, "zh-CN", mentioned: false);
        Assert.True(Encoding.UTF8.GetByteCount(json) <= PushPayloads.MaxPayloadBytes, $"{Encoding.UTF8.GetByteCount(json)} bytes");
        Assert.EndsWith("…", Parse(json).Text);
    }
}
