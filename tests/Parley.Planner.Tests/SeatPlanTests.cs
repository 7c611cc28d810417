using Parley.Planner.Calculation;
using Parley.Planner.Input;

namespace Parley.Planner.Tests;

public class SeatPlanTests
{
    [Fact]
    public void Build_CompoundGrowthThatIsWholeInExactArithmetic_DoesNotRoundUp()
    {
        // §3.1: 200 × 1.3² = 338 exactly (floating point gives 338.00000000000006); it must be 338, not 339.
        var seats = SeatPlan.Build(200, 0.3m, GrowthMode.Compound, 3);

        Assert.Equal([200, 200, 260, 338], seats);
    }

    [Fact]
    public void Build_FractionalSeats_RoundUpToWholeSeats()
    {
        // 200 × 1.3³ = 439.4 → 440 seats (a partly needed seat is still bought).
        var seats = SeatPlan.Build(200, 0.3m, GrowthMode.Compound, 4);

        Assert.Equal(440, seats[4]);
    }

    [Fact]
    public void Build_YearZero_EqualsYearOne()
    {
        var seats = SeatPlan.Build(1000, 0.1m, GrowthMode.Compound, 2);

        Assert.Equal(seats[1], seats[0]);
        Assert.Equal(1100, seats[2]);
    }

    [Fact]
    public void Build_LinearGrowth_AddsTheSameNumberEachYear()
    {
        // N0 × (1 + g × (y − 1)): 100, 110, 120, 130.
        var seats = SeatPlan.Build(100, 0.1m, GrowthMode.Linear, 4);

        Assert.Equal([100, 100, 110, 120, 130], seats);
    }

    [Fact]
    public void CeilCount_FloatingPointNoise_IsRoundedAwayBeforeCeiling()
    {
        Assert.Equal(338, Units.CeilCount(338.00000000000006m));
        Assert.Equal(339, Units.CeilCount(338.0000011m));
    }
}
