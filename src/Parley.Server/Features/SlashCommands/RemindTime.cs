using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Server.Common;

namespace Parley.Server.Features.SlashCommands;

/// <summary>
/// When "/remind" means: a duration ("10m", "2h", "1d", "1h30m") from now, or a wall-clock time ("9:00", "tomorrow 9:00",
/// "明天 9:00") in the user's own time zone (the one their notification settings hold; UTC without one). A bare time
/// already past today means tomorrow.
/// </summary>
public static partial class RemindTime
{
    [GeneratedRegex(@"^(?:(\d{1,3})d)?(?:(\d{1,3})h)?(?:(\d{1,4})m)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    public static DateTimeOffset? Parse(IReadOnlyList<string> words, DateTimeOffset now, TimeZoneInfo zone, out int used)
    {
        used = 0;
        if (words.Count == 0) return null;
        var first = words[0].ToLowerInvariant();
        var d = Duration().Match(first);
        if (d.Success && first.Length > 0)
        {
            used = 1;
            var span = TimeSpan.FromDays(Int(d.Groups[1])) + TimeSpan.FromHours(Int(d.Groups[2])) + TimeSpan.FromMinutes(Int(d.Groups[3]));
            return span > TimeSpan.Zero ? now + span : null;
        }
        var tomorrow = first is "tomorrow" or "明天";
        var timeWord = tomorrow ? (words.Count > 1 ? words[1] : null) : first;
        if (!TimeOnly.TryParseExact(timeWord, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return null;
        used = tomorrow ? 2 : 1;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime).AddDays(tomorrow ? 1 : 0);
        var wall = day.ToDateTime(time);
        var at = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
        return at <= now && !tomorrow ? at.AddDays(1) : at;
    }

    private static int Int(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;

    public static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static ParleyException Invalid() => ParleyException.Invalid("text", "Usage: /remind 10m | 2h | tomorrow 9:00");
}
