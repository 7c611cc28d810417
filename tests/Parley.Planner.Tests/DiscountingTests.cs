namespace Parley.Planner.Tests;

public class DiscountingTests
{
    private const string Saas1000PerYear = """
        { "id": "saas", "deployment_model": "saas",
          "license": { "model": "subscription_seat",
                       "subscription_seat": { "price_per_seat_month": 10, "billing": "annual" } } }
        """;

    [Fact]
    public void Plan_EndOfYearTiming_DiscountsYearYByYPeriods()
    {
        // 10 seats × 10 × 12 = 1,200 per year. r = 10%, end of year:
        // PV = 1,200/1.1 + 1,200/1.21 + 1,200/1.331 = 1,090.909 + 991.736 + 901.578 = 2,984.222
        var result = TestScenario.Create(headcount: 10, discountRate: 0.10m).WithOption(Saas1000PerYear).Run();
        var option = result.Options[0];

        Assert.Equal(1m, option.Years[0].DiscountFactor);
        Assert.Equal(1m / 1.1m, option.Years[1].DiscountFactor);
        Assert.Equal(3600m, option.Totals.Nominal);
        Assert.Equal(2984.22m, Math.Round(option.Totals.Pv, 2));
    }

    [Fact]
    public void Plan_BeginTiming_DiscountsYearYByYMinusOnePeriods()
    {
        // Prepaid: 1,200 + 1,200/1.1 + 1,200/1.21 = 1,200 + 1,090.909 + 991.736 = 3,282.645 (exactly 3,282.6446…)
        var scenario = TestScenario.Create(headcount: 10, discountRate: 0.10m).WithOption(Saas1000PerYear);
        scenario.Set("meta", "recurring_timing", "begin");

        var option = scenario.Run().Options[0];

        Assert.Equal(1m, option.Years[1].DiscountFactor);
        Assert.Equal(3282.64m, Math.Round(option.Totals.Pv, 2));
    }

    [Fact]
    public void Plan_ZeroRate_PvEqualsSimpleSum()
    {
        var option = TestScenario.Create(headcount: 10).WithOption(Saas1000PerYear).Run().Options[0];

        Assert.Equal(option.Totals.Nominal, option.Totals.Pv);
        Assert.Equal([0m, 1200m, 2400m, 3600m], option.Years.Select(y => y.Cumulative));
    }

    [Fact]
    public void Plan_PriceEscalation_AppliesToRecurringPricesFromYearTwo()
    {
        // 1,200 in year 1, × 1.05 = 1,260 in year 2, × 1.05² = 1,323 in year 3.
        var scenario = TestScenario.Create(headcount: 10).WithOption(Saas1000PerYear);
        scenario.Set("meta", "price_escalation_rate", 0.05m);

        var license = TestScenario.Line(scenario.Run(), y => y.Components.License);

        Assert.Equal([0m, 1200m, 1260m, 1323m], license);
    }

    [Fact]
    public void Plan_PerUserMonth_DividesNominalBySeatMonths()
    {
        // 3,600 / (10 seats × 12 months × 3 years) = 10 per user per month.
        var option = TestScenario.Create(headcount: 10).WithOption(Saas1000PerYear).Run().Options[0];

        Assert.Equal(10m, option.Totals.PerUserMonth);
    }
}
