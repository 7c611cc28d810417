using Parley.Planner.Calculation;

namespace Parley.Planner.Tests;

public class BreakEvenTests
{
    [Fact]
    public void Find_CrossingInsideYearThree_InterpolatesLinearly()
    {
        // A: 10,000 up front then 1,000/yr → 10,000, 11,000, 12,000, 13,000
        // B: 5,000/yr                    →      0,  5,000, 10,000, 15,000
        // d = 10,000, 6,000, 2,000, −2,000 → y* = 3; 3 − 1 + 2,000 / (2,000 − (−2,000)) = 2.5
        var (year, fraction) = BreakEven.Find([10_000m, 11_000m, 12_000m, 13_000m], [0m, 5_000m, 10_000m, 15_000m]);

        Assert.Equal(3, year);
        Assert.Equal(2.5m, fraction);
    }

    [Fact]
    public void Find_CandidateNeverDearer_IsYearZero()
    {
        var (year, fraction) = BreakEven.Find([0m, 1m], [0m, 2m]);

        Assert.Equal(0, year);
        Assert.Equal(0m, fraction);
    }

    [Fact]
    public void Find_NoCrossingByHorizon_IsNull()
    {
        var (year, fraction) = BreakEven.Find([10m, 20m, 30m], [0m, 5m, 10m]);

        Assert.Null(year);
        Assert.Null(fraction);
    }

    [Fact]
    public void Plan_Comparisons_HoldNominalAndPvRowsWithSaving()
    {
        // Candidate "own": 10,000 implementation at y0 then 1,000/yr ops; baseline "rent": 5,000/yr subscription.
        var result = TestScenario.Create(headcount: 10)
            .WithOption("""
                { "id": "rent", "deployment_model": "saas",
                  "license": { "model": "subscription_seat", "subscription_seat": { "price_per_seat_month": 41.6666666666666666666666667 } } }
                """)
            .WithOption("""
                { "id": "own", "deployment_model": "cloud_paas",
                  "implementation": { "items": [ { "name": "setup", "lump_sum": 10000 } ] },
                  "operations": { "fte": 0.01, "fte_annual_cost": 100000 } }
                """)
            .Run();

        var nominal = Assert.Single(result.Comparisons, c => c.Basis == "nominal");
        Assert.Equal(("own", "rent"), (nominal.Candidate, nominal.Baseline));
        Assert.Equal(3, nominal.BreakevenYear);
        Assert.Equal(2.5m, Math.Round(nominal.BreakevenYearFractional!.Value, 6));
        Assert.Equal(2000m, Math.Round(nominal.SavingAtHorizon, 6));
        Assert.Single(result.Comparisons, c => c.Basis == "pv");
    }
}
