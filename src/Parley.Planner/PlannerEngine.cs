using System.Text.Json.Nodes;
using Parley.Planner.Calculation;
using Parley.Planner.Input;
using Parley.Planner.Output;
using Parley.Planner.Pricing;

namespace Parley.Planner;

/// <summary>
/// The planner facade: scenario JSON in, itemised lifecycle costs out (PLANNER.md). Pure and deterministic:
/// no clock, no files, no network. The caller passes the capacity profile and, for stale-price warnings,
/// the valuation date (the scenario's <c>meta.as_of</c> wins when present).
/// </summary>
public static class PlannerEngine
{
    public const string OutputSchema = "planner-output.v1";

    /// <param name="input">The scenario (PLANNER.md §3.2). A top-level <c>catalog</c> object is merged as user prices.</param>
    /// <param name="userCatalog">User prices merged by id over the shipped catalog (e.g. from <c>--catalog</c>).</param>
    /// <param name="profile">Measured capacity, normally bench/results/capacity-profile.json; <see cref="CapacityProfile.LoadDefault"/> otherwise.</param>
    /// <param name="valuationDate">Today, for stale-price warnings; null skips them unless the scenario has meta.as_of.</param>
    public static PlanOutcome Plan(JsonNode? input, PriceCatalog? userCatalog, CapacityProfile profile, DateOnly? valuationDate = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.ConnPerVcpu <= 0 || profile.DeliveriesPerVcpuSec <= 0 || profile.MemKbPerConn <= 0 || profile.BaseMemGb < 0)
        {
            throw new ArgumentException("capacity profile figures must be positive", nameof(profile));
        }

        try
        {
            return PlanChecked(input, userCatalog, profile, valuationDate);
        }
        catch (OverflowException)
        {
            // Validation bounds each field, but extreme combinations (huge headcount × 10 years of 100% growth)
            // can still exceed decimal or int range; say so instead of failing the request.
            return new PlanOutcome(null, [new PlanError("", "the scenario's figures are too large to compute; reduce headcount, growth or horizon")]);
        }
    }

    private static PlanOutcome PlanChecked(JsonNode? input, PriceCatalog? userCatalog, CapacityProfile profile, DateOnly? valuationDate)
    {
        var diagnostics = new Diagnostics();
        var catalog = PriceCatalog.LoadDefault().MergeWith(userCatalog);
        if (input is JsonObject root && root["catalog"] is JsonNode inline)
        {
            var errors = new List<PlanError>();
            var inlineCatalog = PriceCatalog.Parse(inline, "/catalog", errors);
            errors.ForEach(e => diagnostics.Error(e.Pointer, e.Message));
            catalog = catalog.MergeWith(inlineCatalog);
        }

        var evaluation = Evaluate(input, catalog, profile, MetaAsOf(input) ?? valuationDate, diagnostics);
        if (evaluation is null || diagnostics.HasErrors)
        {
            return new PlanOutcome(null, diagnostics.Errors);
        }

        var sensitivity = SensitivityAnalysis.Run(input!, evaluation, (perturbed, d) => Evaluate(perturbed, catalog, profile, null, d), diagnostics);
        if (diagnostics.HasErrors)
        {
            return new PlanOutcome(null, diagnostics.Errors);
        }

        var result = evaluation.Result with
        {
            Sensitivity = sensitivity,
            Warnings = diagnostics.Warnings.ToList(),
            Notices = diagnostics.Notices.ToList(),
        };
        return new PlanOutcome(result, []);
    }

    /// <summary>Validates and prices the scenario; null only when the input is not even an object.</summary>
    internal static Evaluation? Evaluate(JsonNode? input, PriceCatalog catalog, CapacityProfile profile, DateOnly? valuationDate, Diagnostics diagnostics)
    {
        var reader = new InputReader(diagnostics, catalog, valuationDate);
        var scenario = ScenarioParser.Parse(input, reader);
        if (scenario is null)
        {
            return null;
        }

        var sizing = new CapacitySizing(scenario.Sizing, profile);
        var storedBytes = scenario.Usage.StoredBytesPerMessage ?? profile.StoredBytesPerMessage;
        var workload = new Workload(scenario, storedBytes);
        var calculator = new OptionCalculator(scenario, workload, sizing, diagnostics);
        var costs = scenario.Options.Select(calculator.Calculate).ToList();
        var options = costs.Select(c => ResultBuilder.Option(c, scenario, workload)).ToList();

        if (sizing.UsesPlaceholder)
        {
            diagnostics.Warn("placeholder_capacity", "capacity figures come from the placeholder profile (not measured); commit bench/results/capacity-profile.json from a load-generator run to size from a measurement");
        }

        // The workload is the same for every option, so the first option's capacity speaks for all.
        if (options.Count > 0 && options[0].Capacity is { AppNodes: > 1 } capacity)
        {
            diagnostics.Warn("beyond_one_node", $"capacity beyond one node: the load needs {capacity.AppNodes} application nodes of {scenario.Sizing.NodeVcpu} vCPU / {scenario.Sizing.NodeMemGb} GB in year {capacity.SizedForYear} ({capacity.AppNodesWithHa} with HA)",
                ("nodes", capacity.AppNodes), ("vcpu", scenario.Sizing.NodeVcpu), ("memGb", scenario.Sizing.NodeMemGb), ("year", capacity.SizedForYear), ("nodesWithHa", capacity.AppNodesWithHa));
        }

        CalibrationBands.Check(scenario, costs, options, diagnostics);

        var baseline = scenario.Meta.BaselineOptionId ?? (scenario.Options.Count > 0 ? scenario.Options[0].Id : "");
        var result = new PlanResult(
            OutputSchema,
            scenario.Meta.ReportCurrency,
            scenario.Meta.HorizonYears,
            scenario.Meta.DiscountRate,
            scenario.Meta.Timing == RecurringTiming.Begin ? "begin" : "end",
            baseline,
            options,
            ResultBuilder.Comparisons(options, baseline),
            options.OrderBy(o => o.Totals.Pv).Select(o => o.Id).ToList(),
            [],
            [],
            new CatalogReport(catalog.Version, catalog.Overrides, reader.CatalogEntriesUsed.Select(e => e.Id).ToList()),
            new CapacitySource(sizing.Source, sizing.UsesPlaceholder, sizing.ConnPerVcpu, sizing.DeliveriesPerVcpuSec, sizing.MemKbPerConn, sizing.BaseMemGb,
                storedBytes, profile.Provenance));
        return new Evaluation(scenario, result);
    }

    private static DateOnly? MetaAsOf(JsonNode? input) =>
        input is JsonObject root && root["meta"] is JsonObject meta && meta["as_of"] is JsonValue v && v.TryGetValue(out string? text)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date)
            ? date
            : null;
}

internal sealed record Evaluation(Scenario Scenario, PlanResult Result);
