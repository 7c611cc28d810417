using System.Text.Json.Nodes;
using Parley.Planner.Input;
using Parley.Planner.Output;
using Parley.Planner.Pricing;

namespace Parley.Planner.Tests;

/// <summary>
/// Builds small scenarios for worked examples. Defaults are chosen so that only the component under test
/// costs anything: USD, no discounting, no growth, employee hour US$50, and the test capacity profile.
/// </summary>
internal sealed class TestScenario
{
    public static readonly CapacityProfile Profile = new(
        ConnPerVcpu: 2000m,
        DeliveriesPerVcpuSec: 5000m,
        MemKbPerConn: 100m,
        BaseMemGb: 2m,
        StoredBytesPerMessage: 1500m,
        new CapacityProvenance("test-run", "test-machine", "abc123", "2026-11-01", "fixed figures for tests", Placeholder: false));

    public JsonObject Root { get; }

    private TestScenario(int headcount, decimal growth, int horizon, decimal discountRate)
    {
        Root = new JsonObject
        {
            ["meta"] = new JsonObject
            {
                ["report_currency"] = "USD",
                ["horizon_years"] = horizon,
                ["discount_rate"] = discountRate,
            },
            ["organization"] = new JsonObject
            {
                ["headcount"] = headcount,
                ["annual_growth_rate"] = growth,
                ["employee_hour_cost"] = 50,
            },
            ["usage"] = new JsonObject(),
            ["options"] = new JsonArray(),
        };
    }

    public static TestScenario Create(int headcount = 100, decimal growth = 0, int horizon = 3, decimal discountRate = 0) =>
        new(headcount, growth, horizon, discountRate);

    /// <summary>Adds an option; training is switched off unless the option says otherwise, to isolate the component under test.</summary>
    public TestScenario WithOption(string json)
    {
        var option = JsonNode.Parse(json)!.AsObject();
        option["training"] ??= new JsonObject { ["end_user_hours"] = 0 };
        ((JsonArray)Root["options"]!).Add(option);
        return this;
    }

    public TestScenario Set(string section, string name, JsonNode? value)
    {
        ((JsonObject)Root[section]!)[name] = value;
        return this;
    }

    public TestScenario SetRoot(string name, JsonNode? value)
    {
        Root[name] = value;
        return this;
    }

    public PlanResult Run(PriceCatalog? catalog = null, CapacityProfile? profile = null, DateOnly? today = null)
    {
        var outcome = PlannerEngine.Plan(Root, catalog, profile ?? Profile, today);
        Assert.True(outcome.Succeeded, "expected a plan but got errors: " + string.Join("; ", outcome.Errors));
        return outcome.Result!;
    }

    public IReadOnlyList<PlanError> Errors(PriceCatalog? catalog = null)
    {
        var outcome = PlannerEngine.Plan(Root, catalog, Profile);
        Assert.False(outcome.Succeeded, "expected validation errors but the plan succeeded");
        return outcome.Errors;
    }

    public static OptionResult Option(PlanResult result, int index = 0) => result.Options[index];

    public static decimal[] Line(PlanResult result, Func<YearResult, decimal> component, int option = 0) =>
        result.Options[option].Years.Select(component).ToArray();
}
