using System.Text.Json.Nodes;

namespace Parley.Planner.Tests;

public class SensitivityTests
{
    private static TestScenario SeatPriced() => TestScenario.Create(headcount: 100, horizon: 1).WithOption("""
        { "id": "s", "deployment_model": "saas",
          "license": { "model": "subscription_seat", "subscription_seat": { "price_per_seat_month": 10 } } }
        """);

    [Fact]
    public void Plan_HeadcountDriver_ScalesTheSeatPricedTotal()
    {
        // Base 100 × 10 × 12 = 12,000. −20% → 80 seats → 9,600 (−2,400); +20% → 120 → 14,400 (+2,400).
        var scenario = SeatPriced();
        scenario.SetRoot("sensitivity", JsonNode.Parse("""{ "drivers": ["/organization/headcount"], "deltas": [-0.2, 0.2] }"""));

        var rows = scenario.Run().Sensitivity;

        Assert.Equal(2, rows.Count);
        Assert.Equal(("/organization/headcount", -0.2m, 9_600m, -2_400m), (rows[0].Driver, rows[0].Delta, rows[0].Total, rows[0].Change));
        Assert.Equal((0.2m, 14_400m, 2_400m), (rows[1].Delta, rows[1].Total, rows[1].Change));
    }

    [Fact]
    public void Plan_OptionPriceDriver_OnlyMovesThatOption()
    {
        var scenario = SeatPriced().WithOption("""{ "id": "other", "deployment_model": "saas" }""");
        scenario.SetRoot("sensitivity", JsonNode.Parse("""{ "drivers": ["/options/0/license/subscription_seat/price_per_seat_month"], "deltas": [0.5] }"""));

        var rows = scenario.Run().Sensitivity;

        Assert.Equal(6_000m, rows.Single(r => r.Option == "s").Change);
        Assert.Equal(0m, rows.Single(r => r.Option == "other").Change);
    }

    [Fact]
    public void Plan_DriverThatIsNotANumber_IsAnErrorAtTheDriver()
    {
        var scenario = SeatPriced();
        scenario.SetRoot("sensitivity", JsonNode.Parse("""{ "drivers": ["/meta/report_currency"] }"""));

        Assert.Contains(scenario.Errors(), e => e.Pointer == "/sensitivity/drivers/0");
    }

    [Fact]
    public void Plan_NoSensitivityBlock_VariesTheMainDriversByTwentyPercent()
    {
        var rows = SeatPriced().Run().Sensitivity;

        Assert.Contains(rows, r => r.Driver == "/organization/headcount" && r.Delta == -0.2m);
        Assert.Contains(rows, r => r.Driver == "/organization/headcount" && r.Delta == 0.2m);
    }
}
