namespace Parley.Planner.Tests;

public class LicenseTests
{
    [Fact]
    public void Plan_SeatSubscriptionBelowMinimum_BillsTheMinimumSeats()
    {
        // §3.5.1: max(100, 150) × 5 × 12 = 9,000 per year.
        var result = TestScenario.Create(headcount: 100).WithOption("""
            { "id": "s", "deployment_model": "saas",
              "license": { "model": "subscription_seat",
                           "subscription_seat": { "price_per_seat_month": 5, "min_seats": 150 } } }
            """).Run();

        Assert.Equal([0m, 9000m, 9000m, 9000m], TestScenario.Line(result, y => y.Components.License));
    }

    [Fact]
    public void Plan_SeatSubscriptionOnActiveBasis_BillsDailyActiveUsers()
    {
        // Slack-style fair billing: 100 × dau_ratio 0.8 = 80 active × 5 × 12 = 4,800.
        var result = TestScenario.Create(headcount: 100).WithOption("""
            { "id": "s", "deployment_model": "saas",
              "license": { "model": "subscription_seat",
                           "subscription_seat": { "price_per_seat_month": 5, "seat_basis": "active" } } }
            """).Run();

        Assert.Equal(4800m, result.Options[0].Years[1].Components.License);
    }

    [Fact]
    public void Plan_PerpetualWithGrowth_BuysAddedSeatsAndChargesMaintenanceOnEverythingOwned()
    {
        // Seats 100, 120, 144 (20% growth). 200 per seat; maintenance 20% from year 2.
        // y0: 100 × 200 = 20,000        y1: nothing (maintenance starts in year 2)
        // y2: 20 × 200 = 4,000 + 20% × 24,000 = 4,800 → 8,800
        // y3: 24 × 200 = 4,800 + 20% × 28,800 = 5,760 → 10,560
        var result = TestScenario.Create(headcount: 100, growth: 0.2m).WithOption("""
            { "id": "p", "deployment_model": "private_cloud_iaas",
              "license": { "model": "perpetual",
                           "perpetual": { "price_per_seat": 200, "maintenance_rate": 0.2, "maintenance_from_year": 2 } },
              "infrastructure": { "compute": { "sizing": "fixed", "instances": [] } } }
            """).Run();

        Assert.Equal([20_000m, 0m, 8_800m, 10_560m], TestScenario.Line(result, y => y.Components.License));
    }

    [Fact]
    public void Plan_PerpetualFlat_IsOneTimeWithMaintenanceOnTheFlatPrice()
    {
        // flat 50,000 at y0; maintenance 18% from year 2 = 9,000.
        var result = TestScenario.Create(headcount: 100, growth: 0.2m).WithOption("""
            { "id": "p", "deployment_model": "saas",
              "license": { "model": "perpetual", "perpetual": { "flat": 50000, "maintenance_rate": 0.18 } } }
            """).Run();

        Assert.Equal([50_000m, 0m, 9_000m, 9_000m], TestScenario.Line(result, y => y.Components.License));
    }

    [Fact]
    public void Plan_PerpetualWithoutMaintenanceRate_ReportsTheRatePointer()
    {
        var errors = TestScenario.Create().WithOption("""
            { "id": "p", "deployment_model": "saas", "license": { "model": "perpetual", "perpetual": { "price_per_seat": 10 } } }
            """).Errors();

        Assert.Contains(errors, e => e.Pointer == "/options/0/license/perpetual/maintenance_rate");
    }
}
