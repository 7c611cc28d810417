using Parley.Planner.Input;

namespace Parley.Planner.Calculation;

/// <summary>
/// PLANNER.md §1.2: <c>PV = Σ C_y / (1+r)^y</c> with year 0 undiscounted (end-of-year timing). With
/// <c>begin</c> timing (prepaid annual subscriptions) year y's costs are paid at the start of the year, i.e.
/// discounted over y − 1 years.
/// </summary>
internal static class Discounting
{
    public static decimal Factor(decimal rate, RecurringTiming timing, int year)
    {
        var periods = timing == RecurringTiming.Begin ? Math.Max(0, year - 1) : year;
        return 1m / Units.Power(1m + rate, periods);
    }
}
