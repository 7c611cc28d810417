using System.Text.Json.Nodes;
using Parley.Planner.Output;
using Parley.Planner.Pricing;
using Parley.Planner.Samples;

namespace Parley.Planner.Tests;

/// <summary>
/// The 1,000-seat sample (src/Parley.Planner/Samples/company-1000-cny.json) is also the worked example of
/// docs/cost-model.md: the figures asserted here are the ones the document walks through.
/// </summary>
public class SampleTests
{
    private static PlanResult Sample()
    {
        var input = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "company-1000-cny.json")));
        var outcome = PlannerEngine.Plan(input, null, CapacityProfile.LoadDefault());
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        return outcome.Result!;
    }

    [Fact]
    public void Sample_PerSeatSaas_MatchesTheWorkedExample()
    {
        // Seats 1,000, 1,100, 1,210 (10% growth). US$7.25 × 12 × ¥7.2 = ¥626.40 per seat-year.
        // Licence: 626,400; 689,040; 757,944. Training y0: 1,000 × 1 h × ¥150 + US$500 × 7.2 = 153,600;
        // new hires 100 × 150 = 15,000 and 110 × 150 = 16,500. SSO US$1,000 × 7.2 = 7,200.
        var saas = Sample().Options.Single(o => o.Id == "saas-per-seat");

        Assert.Equal([0m, 626_400m, 689_040m, 757_944m], saas.Years.Select(y => y.Components.License));
        Assert.Equal([153_600m, 0m, 15_000m, 16_500m], saas.Years.Select(y => y.Components.Training));
        Assert.Equal(2_265_684m, saas.Totals.Nominal);
        Assert.Equal(1_893_957.02m, Math.Round(saas.Totals.Pv, 2));
    }

    [Fact]
    public void Sample_ParleyOnPrem_MatchesTheWorkedExample()
    {
        // 4 servers (1 app + 1 HA + 1 DB + 1 DB standby) × ¥50,000 + ¥20,000 other = 220,000 at y0;
        // residual at y3: 200,000 × (5 − 3) / 5 = 80,000 credited.
        // Facility: 4 × 411 W × 1.5 × 8.76 = 21,602.16 kWh × ¥1 + rack 3,000 × 12 = 57,602.16 per year.
        var onprem = Sample().Options.Single(o => o.Id == "parley-onprem");

        Assert.Equal([220_000m, 0m, 0m, -80_000m], onprem.Years.Select(y => y.Components.Infrastructure.Hardware));
        Assert.Equal(57_602.16m, onprem.Years[1].Components.Infrastructure.Facility);
        Assert.Equal(175_800m, onprem.Years[0].Components.Training);
        Assert.Equal(991_106.48m, onprem.Totals.Nominal);
        Assert.Equal(908_027.01m, Math.Round(onprem.Totals.Pv, 2));
    }

    [Fact]
    public void Sample_Comparison_OnPremBreaksEvenInsideYearOneAgainstSaas()
    {
        // Cumulative nominal: on-prem 476,800 → 664,402.16; SaaS 160,800 → 787,200.
        // d0 = 316,000; d1 = −122,797.84 → 0 + 316,000 / 438,797.84 = 0.72015…
        var comparison = Sample().Comparisons.Single(c => c.Candidate == "parley-onprem" && c.Basis == "nominal");

        Assert.Equal(1, comparison.BreakevenYear);
        Assert.Equal(0.7201m, Math.Round(comparison.BreakevenYearFractional!.Value, 4));
        Assert.Equal(1_274_577.52m, comparison.SavingAtHorizon);
    }

    [Theory]
    [InlineData("company-1000-cny")]
    [InlineData("company-1000-usd")]
    public void PlannerSamples_EverySample_PlansWithoutErrorsForFourModels(string name)
    {
        Assert.Contains(name, PlannerSamples.Names);

        var outcome = PlannerEngine.Plan(PlannerSamples.Load(name), null, CapacityProfile.LoadDefault());

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.Equal(["private_onprem", "private_cloud_iaas", "cloud_paas", "saas"], outcome.Result!.Options.Select(o => o.DeploymentModel));
        Assert.All(outcome.Result.Options, o => Assert.True(o.Totals.Nominal > 0, o.Id + " costs nothing"));
    }

    [Fact]
    public void PlanOutcome_ToJson_WritesErrorsWithPointers()
    {
        var outcome = PlannerEngine.Plan(JsonNode.Parse("{}"), null, CapacityProfile.LoadDefault());

        using var document = System.Text.Json.JsonDocument.Parse(outcome.ToJson());

        Assert.Equal("/meta", document.RootElement.GetProperty("errors")[0].GetProperty("pointer").GetString());
    }

    [Fact]
    public void PriceCatalog_ToJson_ServesSnakeCaseEntries()
    {
        using var document = System.Text.Json.JsonDocument.Parse(PriceCatalog.LoadDefault().ToJson());
        var first = document.RootElement.GetProperty("entries")[0];

        Assert.True(first.TryGetProperty("source_id", out _));
        Assert.True(first.TryGetProperty("as_of", out _));
        Assert.False(first.TryGetProperty("as_of_date", out _));
    }

    [Fact]
    public void PlanResult_ToJson_DropsTrailingZerosButNotPrecision()
    {
        var json = Sample().ToJson();

        Assert.Contains("\"facility\": 57602.16,", json, StringComparison.Ordinal);
        Assert.Contains("\"discount_factor\": 0.9090909090909090909090909091", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_Ranking_IsByPresentValue()
    {
        var result = Sample();

        Assert.Equal(result.Options.OrderBy(o => o.Totals.Pv).Select(o => o.Id), result.Ranking);
        Assert.Equal("saas-per-seat", result.Ranking[^1]);
    }
}
