using System.Text.Json.Nodes;

namespace Parley.Planner.Tests;

public class ValidationTests
{
    [Fact]
    public void Plan_SeveralWrongFields_ReportsEveryPointerAtOnce()
    {
        var input = JsonNode.Parse("""
            {
              "meta": { "report_currency": "USD", "horizon_years": 11 },
              "organization": { "headcount": "many" },
              "usage": { "dau_ratio": 1.5 },
              "options": [
                { "id": "a", "deployment_model": "saas" },
                { "id": "b" },
                { "id": "c", "deployment_model": "mainframe" }
              ]
            }
            """);

        var outcome = PlannerEngine.Plan(input, null, TestScenario.Profile);
        var pointers = outcome.Errors.Select(e => e.Pointer).ToList();

        Assert.False(outcome.Succeeded);
        Assert.Contains("/meta/horizon_years", pointers);
        Assert.Contains("/organization/headcount", pointers);
        Assert.Contains("/usage/dau_ratio", pointers);
        Assert.Contains("/options/1/deployment_model", pointers);
        Assert.Contains("/options/2/deployment_model", pointers);
        Assert.Contains("/organization/employee_hour_cost", pointers); // default training counts employee time
        Assert.Equal(6, pointers.Count); // an unknown model must not add model-specific errors on top
    }

    [Fact]
    public void Plan_WrongType_SaysWhatWasExpected()
    {
        var scenario = TestScenario.Create().WithOption("""{ "id": "a", "deployment_model": "saas" }""");
        scenario.Set("organization", "headcount", "many");

        var error = Assert.Single(scenario.Errors());

        Assert.Equal("/organization/headcount", error.Pointer);
        Assert.Contains("expected an integer", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"many\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MissingRequiredSections_NamesEachSection()
    {
        var outcome = PlannerEngine.Plan(JsonNode.Parse("{}"), null, TestScenario.Profile);
        var pointers = outcome.Errors.Select(e => e.Pointer).ToList();

        Assert.Equal(["/meta", "/organization", "/usage", "/options"], pointers);
    }

    [Fact]
    public void Plan_InputNotAnObject_IsAnErrorAtTheRoot()
    {
        var outcome = PlannerEngine.Plan(JsonNode.Parse("[1, 2]"), null, TestScenario.Profile);

        Assert.Equal("", Assert.Single(outcome.Errors).Pointer);
    }

    [Fact]
    public void Plan_SeatSubscriptionWithoutPrice_IsAnErrorNeverAZero()
    {
        var errors = TestScenario.Create().WithOption("""
            { "id": "s", "deployment_model": "saas", "license": { "model": "subscription_seat", "subscription_seat": { "billing": "annual" } } }
            """).Errors();

        Assert.Contains(errors, e => e.Pointer == "/options/0/license/subscription_seat/price_per_seat_month");
    }

    [Fact]
    public void Plan_IaasWithoutCompute_IsAnError()
    {
        var errors = TestScenario.Create().WithOption("""{ "id": "vm", "deployment_model": "private_cloud_iaas" }""").Errors();

        Assert.Contains(errors, e => e.Pointer == "/options/0/infrastructure/compute");
    }

    [Fact]
    public void Plan_ForeignCurrencyWithoutFx_IsAnErrorAtTheMissingRate()
    {
        var errors = TestScenario.Create().WithOption("""
            { "id": "s", "deployment_model": "saas", "currency": "EUR",
              "license": { "model": "subscription_seat", "subscription_seat": { "price_per_seat_month": 5 } } }
            """).Errors();

        Assert.Contains(errors, e => e.Pointer == "/meta/fx/EUR");
    }

    [Fact]
    public void Plan_DuplicateOptionIds_IsAnError()
    {
        var errors = TestScenario.Create()
            .WithOption("""{ "id": "a", "deployment_model": "saas" }""")
            .WithOption("""{ "id": "a", "deployment_model": "saas" }""")
            .Errors();

        Assert.Contains(errors, e => e.Pointer == "/options/1/id");
    }

    [Fact]
    public void Plan_UnknownBaseline_IsAnError()
    {
        var scenario = TestScenario.Create().WithOption("""{ "id": "a", "deployment_model": "saas" }""");
        scenario.Set("meta", "baseline_option_id", "zzz");

        Assert.Contains(scenario.Errors(), e => e.Pointer == "/meta/baseline_option_id");
    }

    [Fact]
    public void Plan_MisspelledField_IsReportedAsAWarning()
    {
        var result = TestScenario.Create().WithOption("""{ "id": "a", "deployment_model": "saas", "licence": {} }""").Run();

        Assert.Contains(result.Warnings, w => w.Contains("/options/0/licence", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_TiersOutOfOrder_IsAnErrorAtTheTier()
    {
        var errors = TestScenario.Create().WithOption("""
            { "id": "u", "deployment_model": "cloud_paas",
              "license": { "model": "usage", "usage": { "metric": "mau", "pricing": "step",
                "tiers": [ { "up_to": 5000, "flat": 1 }, { "up_to": 1000, "flat": 2 } ] } } }
            """).Errors();

        Assert.Contains(errors, e => e.Pointer == "/options/0/license/usage/tiers/1/up_to");
    }

    [Fact]
    public void Plan_FiguresTooLargeToCompute_IsAnErrorNotACrash()
    {
        var scenario = TestScenario.Create(headcount: 2_000_000_000, growth: 10m, horizon: 10)
            .WithOption("""{ "id": "a", "deployment_model": "saas" }""");

        var error = Assert.Single(scenario.Errors());

        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
    }
}
