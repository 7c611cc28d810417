using System.Globalization;

namespace Parley.Server.Features.Push;

/// <summary>A user's do-not-disturb rule: paused until a moment, and/or quiet hours in their own time zone.</summary>
public static class DoNotDisturb
{
    public static bool IsQuiet(PushStore.SettingsRow? s, DateTimeOffset now)
    {
        if (s is null) return false;
        if (s.PausedUntil is { } until && until > now.ToUnixTimeMilliseconds()) return true;
        if (s.QuietStart is not { } start || s.QuietEnd is not { } end) return false;
        var zone = FindZone(s.TimeZone) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var minute = local.Hour * 60 + local.Minute;
        // 22:00–07:00 wraps past midnight; 13:00–14:00 does not. Start is inside, end is not.
        return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
    }

    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrEmpty(id)) return null;
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (TimeZoneNotFoundException) { return null; }
        catch (InvalidTimeZoneException) { return null; }
    }

    /// <summary>"HH:mm" → minutes after midnight; null for anything else.</summary>
    public static int? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.Hour * 60 + t.Minute : null;

    public static string? FormatTime(long? minutes) =>
        minutes is { } m ? new TimeOnly((int)(m / 60), (int)(m % 60)).ToString("HH:mm", CultureInfo.InvariantCulture) : null;
}
