namespace Parley.Planner.Calculation;

/// <summary>Unit conventions of PLANNER.md §3.1.</summary>
internal static class Units
{
    public const decimal HoursPerYear = 8760m;
    public const decimal HoursPerMonth = 730m;
    public const decimal MonthsPerYear = 12m;
    public const decimal DaysPerMonth = HoursPerMonth / 24m;

    /// <summary>
    /// Whole units from a computed count: round to 6 dp, then ceil. The rounding step is normative (§3.1):
    /// 200 × 1.3² is 338.00000000000006 in floating point and must count as 338.
    /// </summary>
    public static int CeilCount(decimal value) => (int)Math.Ceiling(Math.Round(value, 6, MidpointRounding.AwayFromZero));

    public static decimal Power(decimal value, int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result *= value;
        }

        return exponent >= 0 ? result : 1m / result;
    }
}
