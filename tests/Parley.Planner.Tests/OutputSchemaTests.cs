using System.Text.Json;
using Parley.Planner.Pricing;
using Parley.Planner.Samples;

namespace Parley.Planner.Tests;

/// <summary>
/// Snapshot of the planner-output.v1 key names (PLANNER.md §3.3, §3.6.11). The web page and API clients bind
/// to these names; a rename here is a breaking change and must be deliberate.
/// </summary>
public class OutputSchemaTests
{
    private static JsonElement SampleJson()
    {
        var outcome = PlannerEngine.Plan(PlannerSamples.Load("company-1000-cny"), null, CapacityProfile.LoadDefault());
        return JsonDocument.Parse(outcome.ToJson()).RootElement;
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void ToJson_TopLevel_HasTheSpecifiedKeysPlusDocumentedExtras()
    {
        Assert.Equal(
            ["schema", "report_currency", "horizon_years", "discount_rate", "recurring_timing", "baseline_option_id",
             "options", "comparisons", "ranking", "sensitivity", "warnings", "catalog", "capacity_profile", "notices"],
            Keys(SampleJson()));
    }

    [Fact]
    public void ToJson_YearRow_HasTheSpecifiedComponents()
    {
        var option = SampleJson().GetProperty("options")[0];
        var year = option.GetProperty("years")[0];

        Assert.Equal(["id", "label", "deployment_model", "years", "totals", "capacity"], Keys(option));
        Assert.Equal(["year", "headcount", "components", "total", "discount_factor", "pv", "cumulative", "cumulative_pv"], Keys(year));
        Assert.Equal(["license", "infrastructure", "implementation", "customization", "training", "operations", "support", "downtime"],
            Keys(year.GetProperty("components")));
        Assert.Equal(["compute", "storage", "network", "hardware", "facility", "rtc"], Keys(year.GetProperty("components").GetProperty("infrastructure")));
        Assert.Equal(["nominal", "pv", "per_user_month"], Keys(option.GetProperty("totals")));
        Assert.Equal(
            ["peak_connections", "peak_msgs_per_sec", "peak_deliveries_per_sec", "vcpu_required", "mem_gb_required", "app_nodes",
             "app_nodes_with_ha", "db_nodes", "sized_for_year", "storage_gb_end_of_year", "binding", "nodes_by_constraint", "headroom", "sfu"],
            Keys(option.GetProperty("capacity")));
    }

    [Fact]
    public void ToJson_ComparisonAndSensitivityRows_HaveTheSpecifiedKeys()
    {
        var root = SampleJson();

        Assert.Equal(["candidate", "baseline", "basis", "breakeven_year", "breakeven_year_fractional", "saving_at_horizon"],
            Keys(root.GetProperty("comparisons")[0]));
        Assert.Equal(["driver", "delta", "option", "total", "change"], Keys(root.GetProperty("sensitivity")[0]));
    }
}
