namespace Parley.Planner.Tests;

/// <summary>Components 3–6 and the indirect downtime line (§3.5.9–10).</summary>
public class PeopleCostTests
{
    [Fact]
    public void Plan_TrainingWithGrowth_TrainsEveryoneAtYearZeroAndNewHiresLater()
    {
        // Seats 100, 120, 144. Employee hour 50.
        // y0 = 100 × 2 h × 50 = 10,000 + 2 admins × 8 h × 50 = 800 + 1 trainer day × 1,000 + materials 500 = 12,300
        // y2 = 20 new × 2 × 50 = 2,000; y3 = 24 × 2 × 50 = 2,400
        var result = TestScenario.Create(headcount: 100, growth: 0.2m).WithOption("""
            { "id": "t", "deployment_model": "saas",
              "training": { "end_user_hours": 2, "admins": 2, "admin_hours": 8, "trainer_days": 1, "trainer_day_rate": 1000, "materials": 500 } }
            """).Run();

        Assert.Equal([12_300m, 0m, 2_000m, 2_400m], TestScenario.Line(result, y => y.Components.Training));
    }

    [Fact]
    public void Plan_TrainingWithoutNewHires_IsOnlyYearZero()
    {
        var result = TestScenario.Create(headcount: 100, growth: 0.2m).WithOption("""
            { "id": "t", "deployment_model": "saas", "training": { "end_user_hours": 1, "train_new_hires": false } }
            """).Run();

        Assert.Equal([5_000m, 0m, 0m, 0m], TestScenario.Line(result, y => y.Components.Training));
    }

    [Fact]
    public void Plan_TrainingWithoutEmployeeHourCost_IsAnErrorAtTheOrganization()
    {
        var scenario = TestScenario.Create().WithOption("""{ "id": "t", "deployment_model": "saas", "training": { "end_user_hours": 1 } }""");
        ((System.Text.Json.Nodes.JsonObject)scenario.Root["organization"]!).Remove("employee_hour_cost");

        var errors = scenario.Errors();

        Assert.Contains(errors, e => e.Pointer == "/organization/employee_hour_cost");
    }

    [Fact]
    public void Plan_WorkItems_BookInTheirYearWithUpkeepOnTheOneTimeTotal()
    {
        // 10 days × 500 + lump 2,000 in y0; lump 1,000 in y1; integration 3,000 in y0 → one-time 11,000.
        // Upkeep 10% × 11,000 = 1,100 per year. y0 = 10,000; y1 = 1,000 + 1,100; y2 = 1,100.
        var result = TestScenario.Create(horizon: 2).WithOption("""
            { "id": "w", "deployment_model": "saas",
              "implementation": {
                "items": [ { "name": "design", "person_days": 10, "day_rate": 500, "lump_sum": 2000 },
                           { "name": "migration", "lump_sum": 1000, "year": 1 } ],
                "integrations": [ { "system": "LDAP_AD", "cost": 3000 } ],
                "upkeep_rate_per_year": 0.1 } }
            """).Run();

        Assert.Equal([10_000m, 2_100m, 1_100m], TestScenario.Line(result, y => y.Components.Implementation));
    }

    [Fact]
    public void Plan_Customization_IsBookedSeparatelyFromImplementation()
    {
        var result = TestScenario.Create(horizon: 1).WithOption("""
            { "id": "w", "deployment_model": "saas", "customization": { "items": [ { "name": "branding", "lump_sum": 4000 } ] } }
            """).Run();

        Assert.Equal([4_000m, 0m], TestScenario.Line(result, y => y.Components.Customization));
        Assert.Equal([0m, 0m], TestScenario.Line(result, y => y.Components.Implementation));
    }

    [Fact]
    public void Plan_Operations_IsFteCostPlusTools()
    {
        // 0.5 × 100,000 + 100 × 12 = 51,200 per year.
        var result = TestScenario.Create(horizon: 1).WithOption("""
            { "id": "o", "deployment_model": "saas", "operations": { "fte": 0.5, "fte_annual_cost": 100000, "tools_month": 100 } }
            """).Run();

        Assert.Equal([0m, 51_200m], TestScenario.Line(result, y => y.Components.Operations));
    }

    [Fact]
    public void Plan_SupportOnPerpetualLicence_UsesTheLicenceOwnedSoFar()
    {
        // Licence 100 × 200 = 20,000 (no growth). Support = flat 1,000 + 10% × 20,000 = 3,000; upgrade fee 500 in y2.
        var result = TestScenario.Create(horizon: 2).WithOption("""
            { "id": "p", "deployment_model": "saas",
              "license": { "model": "perpetual", "perpetual": { "price_per_seat": 200, "maintenance_rate": 0 } },
              "support": { "tier": "24x7", "flat_year": 1000, "rate_of_license": 0.1, "upgrade_fees": [ { "year": 2, "amount": 500 } ] } }
            """).Run();

        Assert.Equal([0m, 3_000m, 3_500m], TestScenario.Line(result, y => y.Components.Support));
    }

    [Fact]
    public void Plan_Downtime_IsHoursTimesUsersTimesHourCostTimesLoss()
    {
        // 4 h × 100 users × 50 × 0.5 = 10,000 per year.
        var result = TestScenario.Create(horizon: 1).WithOption("""
            { "id": "d", "deployment_model": "saas", "downtime": { "expected_outage_hours_year": 4, "productivity_loss": 0.5 } }
            """).Run();

        Assert.Equal([0m, 10_000m], TestScenario.Line(result, y => y.Components.Downtime));
    }

    [Fact]
    public void Plan_OptionPricedInAnotherCurrency_ConvertsWithMetaFx()
    {
        // §3.6.1: 10 seats × US$10 × 12 = US$1,200 × 7.2 = ¥8,640.
        var scenario = TestScenario.Create(headcount: 10, horizon: 1).WithOption("""
            { "id": "s", "deployment_model": "saas", "currency": "USD",
              "license": { "model": "subscription_seat", "subscription_seat": { "price_per_seat_month": 10 } } }
            """);
        scenario.Set("meta", "report_currency", "CNY").Set("meta", "fx", new System.Text.Json.Nodes.JsonObject { ["USD"] = 7.2 });

        Assert.Equal(8_640m, scenario.Run().Options[0].Years[1].Components.License);
    }
}
