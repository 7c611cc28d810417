using Parley.Planner.Input;

namespace Parley.Planner.Calculation;

/// <summary>Seats per year 0..H (PLANNER.md §3.1): <c>seats_y = ceil(round(N0 × growth, 6))</c>, <c>seats_0 = seats_1</c>.</summary>
internal static class SeatPlan
{
    public static int[] Build(decimal headcount, decimal growthRate, GrowthMode mode, int horizonYears)
    {
        var seats = new int[horizonYears + 1];
        for (var y = 1; y <= horizonYears; y++)
        {
            var factor = mode == GrowthMode.Linear
                ? 1m + (growthRate * (y - 1))
                : Units.Power(1m + growthRate, y - 1);
            seats[y] = Math.Max(0, Units.CeilCount(headcount * factor));
        }

        seats[0] = seats[1];
        return seats;
    }
}
