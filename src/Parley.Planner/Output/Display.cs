using System.Globalization;

namespace Parley.Planner.Output;

/// <summary>Rounding happens here and only here: figures are exact until they are shown (PLANNER.md §3.1).</summary>
internal static class Display
{
    public static string Money(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Plain(decimal value, int decimals = 2) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);

    public static string Number(decimal value, int decimals = 2) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("#,##0." + new string('#', decimals), CultureInfo.InvariantCulture);

    public static string Percent(decimal fraction) => (fraction * 100).ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) + "%";

    public static string Year(int? year, decimal? fraction) =>
        year is null ? "no break-even by the horizon" : $"year {year} ({Plain(fraction ?? 0, 2)})";
}
