using System.Text.Json.Nodes;
using Parley.Planner.Pricing;

namespace Parley.Planner.Tests;

public class WarningTests
{
    [Fact]
    public void Plan_PriceProvenanceOlderThanTwelveMonths_WarnsStale()
    {
        var scenario = TestScenario.Create().WithOption("""
            { "id": "s", "deployment_model": "saas",
              "license": { "model": "subscription_seat", "subscription_seat": {
                "price_per_seat_month": 7.25,
                "price_per_seat_month@src": { "source_id": "S-S2", "as_of": "2024-05-04", "confidence": "C" } } } }
            """);
        scenario.Set("meta", "as_of", "2026-11-30");

        var result = scenario.Run();

        Assert.Contains(result.Warnings, w => w.Contains("/options/0/license/subscription_seat/price_per_seat_month is stale", StringComparison.Ordinal));
        // The same warning as data, for the web client to word in the reader's language (issue 20).
        var notice = Assert.Single(result.Notices, n => n.Code == "input_price_stale");
        Assert.Equal("/options/0/license/subscription_seat/price_per_seat_month", notice.Args["field"]);
        Assert.Equal("2024-05-04", notice.Args["asOf"]);
    }

    [Fact]
    public void Plan_EveryWarning_HasANoticeWithACode()
    {
        var result = TestScenario.Create().WithOption("""{ "id": "s", "deployment_model": "saas", "surprise": 1 }""").Run();

        Assert.Equal(result.Warnings.Count, result.Notices.Count);
        Assert.All(result.Notices, n => Assert.Matches("^[a-z_0-9]+$", n.Code));
        Assert.Contains(result.Notices, n => n.Code == "unknown_field" && n.Args["field"] == "/options/0/surprise");
    }

    [Fact]
    public void Plan_RecentPrice_DoesNotWarn()
    {
        var scenario = TestScenario.Create().WithOption("""
            { "id": "s", "deployment_model": "saas",
              "license": { "model": "subscription_seat", "subscription_seat": {
                "price_per_seat_month": 7.25, "price_per_seat_month@src": { "as_of": "2026-06-01" } } } }
            """);

        var result = scenario.Run(today: new DateOnly(2026, 11, 30));

        Assert.DoesNotContain(result.Warnings, w => w.Contains("stale", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_PlaceholderProfile_WarnsThatCapacityIsNotMeasured()
    {
        var result = TestScenario.Create().WithOption("""{ "id": "s", "deployment_model": "saas" }""").Run(profile: CapacityProfile.LoadDefault());

        Assert.Contains(result.Warnings, w => w.Contains("placeholder profile (not measured)", StringComparison.Ordinal));
        Assert.True(result.CapacityProfile.Placeholder);
    }

    [Fact]
    public void Plan_MeasuredProfile_HasNoPlaceholderWarning()
    {
        var result = TestScenario.Create().WithOption("""{ "id": "s", "deployment_model": "saas" }""").Run();

        Assert.DoesNotContain(result.Warnings, w => w.Contains("placeholder", StringComparison.Ordinal));
        Assert.Equal("test-run", result.CapacityProfile.Provenance.RunId);
    }

    [Fact]
    public void Plan_LoadBeyondOneNode_Warns()
    {
        // 10,000 users need 3 application nodes (CapacitySizingTests).
        var result = TestScenario.Create(headcount: 10_000).WithOption("""{ "id": "s", "deployment_model": "saas" }""").Run();

        Assert.Contains(result.Warnings, w => w.Contains("3 application nodes", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_TrainingBelowTheArticleBand_WarnsWithoutChangingTheFigure()
    {
        // CNY report: 10 users × 1 h × ¥50 = ¥500 < ¥1,000 (几千).
        var scenario = TestScenario.Create(headcount: 10).WithOption("""{ "id": "s", "deployment_model": "saas", "training": { "end_user_hours": 1 } }""");
        scenario.Set("meta", "report_currency", "CNY");

        var result = scenario.Run();

        Assert.Equal(500m, result.Options[0].Years[0].Components.Training);
        Assert.Contains(result.Warnings, w => w.Contains("training", StringComparison.Ordinal) && w.Contains("below", StringComparison.Ordinal) && w.Contains("几千–几万", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_UsdReportWithCnyRate_ConvertsTheBands()
    {
        // ¥1,000 × 0.138889 = US$138.89 lower bound; training US$500 is inside, so no training warning.
        var scenario = TestScenario.Create(headcount: 10).WithOption("""{ "id": "s", "deployment_model": "saas", "training": { "end_user_hours": 1 } }""");
        scenario.Set("meta", "fx", new JsonObject { ["CNY"] = 0.138889 });

        Assert.DoesNotContain(scenario.Run().Warnings, w => w.Contains("training", StringComparison.Ordinal));
    }
}
