using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Planner.Pricing;

/// <summary>Reads the loose dates of price sources and decides when a price is stale.</summary>
public static partial class PriceDates
{
    /// <summary>PLANNER.md §3.2: the UI warns when a price's as_of is more than 12 months old.</summary>
    public const int StaleAfterMonths = 12;

    [GeneratedRegex(@"(?<y>(19|20)\d\d)(-(?<m>\d\d))?(-(?<d>\d\d))?")]
    private static partial Regex DatePattern();

    public static DateOnly? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = DatePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 1;
        var day = match.Groups["d"].Success ? int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, day);
    }

    public static bool IsStale(DateOnly asOf, DateOnly valuationDate) => asOf.AddMonths(StaleAfterMonths) < valuationDate;
}
