namespace Parley.Server.Common;

/// <summary>Times are stored as Unix milliseconds (UTC) in every provider.</summary>
public static class UnixMs
{
    public static long From(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    public static DateTimeOffset To(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    public static DateTimeOffset? To(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
