namespace Parley.Planner.Tests;

public class UsagePricingTests
{
    private static decimal FirstYearFee(int headcount, string usage, decimal mauRatio = 1m)
    {
        var scenario = TestScenario.Create(headcount: headcount, horizon: 1).WithOption(
            $$"""{ "id": "u", "deployment_model": "cloud_paas", "license": { "model": "usage", "usage": {{usage}} } }""");
        scenario.Set("usage", "mau_ratio", mauRatio);
        return scenario.Run().Options[0].Years[1].Components.License;
    }

    [Fact]
    public void MonthlyFee_BlockOverageTencentDau_CountsAPartialBlockAsFull()
    {
        // 25,002 seats × 0.8 = 20,001.6 → 20,002 peak DAU; over the 10,000 free = 10,002 → ceil(10,002/10,000) = 2 blocks.
        // (999 + 2 × 1,000) × 12 = 35,988.
        var fee = FirstYearFee(25_002, """
            { "metric": "peak_dau", "plan_fee_month": 999, "included_units": 10000, "pricing": "block_overage",
              "block_size": 10000, "block_price": 1000 }
            """);

        Assert.Equal(35_988m, fee);
    }

    [Fact]
    public void MonthlyFee_PerUnitOverage_ChargesUnitsAboveIncluded()
    {
        // Tencent RTC Chat: 399 + (12,000 − 10,000) × 0.015 = 429 per month → 5,148 per year.
        var fee = FirstYearFee(12_000, """
            { "metric": "mau", "plan_fee_month": 399, "included_units": 10000, "pricing": "per_unit_overage", "unit_price": 0.015 }
            """);

        Assert.Equal(5_148m, fee);
    }

    [Fact]
    public void MonthlyFee_UsageWithinIncludedUnits_DoesNotNeedTheUnitPrice()
    {
        // §3.6.3: 5,000 MAU stay inside the 10,000 included, so the missing unit price is not an error.
        var fee = FirstYearFee(5_000, """
            { "metric": "mau", "plan_fee_month": 399, "included_units": 10000, "pricing": "per_unit_overage" }
            """);

        Assert.Equal(399m * 12, fee);
    }

    [Fact]
    public void MonthlyFee_UsageAboveIncludedWithoutUnitPrice_IsAnErrorAtThePointer()
    {
        var errors = TestScenario.Create(headcount: 12_000).WithOption("""
            { "id": "u", "deployment_model": "cloud_paas",
              "license": { "model": "usage", "usage": { "metric": "mau", "included_units": 10000, "pricing": "per_unit_overage" } } }
            """).Errors();

        var error = Assert.Single(errors);
        Assert.Equal("/options/0/license/usage/unit_price", error.Pointer);
        Assert.Contains("missing price", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MonthlyFee_GraduatedTwilio_PricesEachBandSeparately()
    {
        // 6,000 MAU: 200 free + 4,800 × 0.05 = 240 + 1,000 × 0.0475 = 47.5 → 287.5 per month → 3,450 per year.
        var fee = FirstYearFee(6_000, """
            { "metric": "mau", "pricing": "graduated",
              "tiers": [ { "up_to": 200, "unit_price": 0 }, { "up_to": 5000, "unit_price": 0.05 },
                         { "up_to": 10000, "unit_price": 0.0475 }, { "up_to": 20000, "unit_price": 0.045 } ] }
            """);

        Assert.Equal(3_450m, fee);
    }

    [Fact]
    public void MonthlyFee_Volume_PricesAllBillableUnitsAtTheBandReached()
    {
        // (6,000 − 200 free) × 0.0475 (the band 6,000 falls in) = 275.5 per month → 3,306 per year.
        var fee = FirstYearFee(6_000, """
            { "metric": "mau", "pricing": "volume", "included_units": 200,
              "tiers": [ { "up_to": 5000, "unit_price": 0.05 }, { "up_to": 10000, "unit_price": 0.0475 } ] }
            """);

        Assert.Equal(3_306m, fee);
    }

    [Fact]
    public void MonthlyFee_StepPubNub_ChargesTheFlatPriceOfTheFirstBandThatFits()
    {
        // 6,000 MAU → the 10K band, 550 per month → 6,600 per year.
        var fee = FirstYearFee(6_000, """
            { "metric": "mau", "pricing": "step",
              "tiers": [ { "up_to": 1000, "flat": 98 }, { "up_to": 5000, "flat": 370 },
                         { "up_to": 10000, "flat": 550 }, { "up_to": 25000, "flat": 1130 } ] }
            """);

        Assert.Equal(6_600m, fee);
    }

    [Fact]
    public void MonthlyFee_StepUsageBeyondLastBand_IsAnErrorAtTheTiers()
    {
        var errors = TestScenario.Create(headcount: 30_000).WithOption("""
            { "id": "u", "deployment_model": "cloud_paas",
              "license": { "model": "usage", "usage": { "metric": "mau", "pricing": "step",
                "tiers": [ { "up_to": 25000, "flat": 1130 } ] } } }
            """).Errors();

        Assert.Contains(errors, e => e.Pointer == "/options/0/license/usage/tiers" && e.Message.Contains("exceeds", StringComparison.Ordinal));
    }

    [Fact]
    public void MonthlyFee_StepUnboundedBandWithUnitPrice_AddsUnitsAboveThePreviousBound()
    {
        // RongCloud above 1M DAU: 10,400 + (1,010,000 − 1,000,000) / 10,000 × 100 = 10,500 per month.
        // Written per DAU: unit_price 0.01. 1,010,000 seats × dau 1.0.
        var scenario = TestScenario.Create(headcount: 1_010_000, horizon: 1).WithOption("""
            { "id": "u", "deployment_model": "cloud_paas",
              "license": { "model": "usage", "usage": { "metric": "peak_dau", "pricing": "step",
                "tiers": [ { "up_to": 1000000, "flat": 10400 }, { "up_to": null, "flat": 10400, "unit_price": 0.01 } ] } } }
            """);
        scenario.Set("usage", "dau_ratio", 1);

        Assert.Equal(10_500m * 12, scenario.Run().Options[0].Years[1].Components.License);
    }

    [Fact]
    public void MonthlyFee_GbMetric_FollowsMonthlyStorageGrowth()
    {
        // 100 seats × 10 MB = 1 GB of files per month, no messages; per_unit 1 per GB above 0:
        // months 1..12 hold 1..12 GB → Σ = 78.
        var scenario = TestScenario.Create(headcount: 100, horizon: 1).WithOption("""
            { "id": "u", "deployment_model": "cloud_paas",
              "license": { "model": "usage", "usage": { "metric": "gb", "pricing": "per_unit_overage", "unit_price": 1 } } }
            """);
        scenario.Set("usage", "messages_per_user_per_day", 0);

        Assert.Equal(78m, scenario.Run().Options[0].Years[1].Components.License);
    }
}
