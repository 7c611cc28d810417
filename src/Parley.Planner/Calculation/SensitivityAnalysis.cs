using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Planner.Input;
using Parley.Planner.Output;

namespace Parley.Planner.Calculation;

/// <summary>
/// One-at-a-time sensitivity (PLANNER.md §1.2, §3.6.9): each driver is a JSON pointer into the input; the
/// scenario is re-run with that number scaled by 1 + Δ and every option's horizon PV total is compared with
/// the base run. Rows feed the tornado chart.
/// </summary>
internal static class SensitivityAnalysis
{
    // Fields the schema types as integers: a scaled value is rounded so the perturbed scenario stays valid.
    private static readonly HashSet<string> IntegerFields = new(StringComparer.Ordinal)
    {
        "headcount", "horizon_years", "count", "qty", "life_years", "admins", "db_nodes", "vcpu", "min_seats",
        "maintenance_from_year", "warranty_included_years", "year", "stored_bytes_per_message",
        "file_retention_months", "message_retention_months",
    };

    public delegate Evaluation? Evaluator(JsonNode input, Diagnostics diagnostics);

    public static List<SensitivityRow> Run(JsonNode input, Evaluation baseRun, Evaluator evaluate, Diagnostics diagnostics)
    {
        var rows = new List<SensitivityRow>();
        var spec = baseRun.Scenario.Sensitivity;
        var baseTotals = baseRun.Result.Options.ToDictionary(o => o.Id, o => o.Totals.Pv, StringComparer.Ordinal);
        for (var k = 0; k < spec.Drivers.Count; k++)
        {
            var driver = spec.Drivers[k];
            if (!JsonPointer.TryResolveParent(input, driver, out var parent, out var token)
                || !NumberReader.TryRead(Child(parent, token), out var original))
            {
                if (spec.Explicit)
                {
                    diagnostics.Error(JsonPointer.Append("/sensitivity/drivers", k), $"\"{driver}\" does not point to a number in this scenario");
                }

                continue;
            }

            foreach (var delta in spec.Deltas)
            {
                var scaled = original * (1m + delta);
                if (IntegerFields.Contains(token))
                {
                    scaled = Math.Round(scaled, 0, MidpointRounding.AwayFromZero);
                }

                var perturbed = input.DeepClone();
                JsonPointer.TryResolveParent(perturbed, driver, out var perturbedParent, out _);
                JsonPointer.Replace(perturbedParent, token, JsonValue.Create(scaled));
                var runDiagnostics = new Diagnostics();
                var run = evaluate(perturbed, runDiagnostics);
                if (run is null || runDiagnostics.HasErrors)
                {
                    var reason = runDiagnostics.Errors.Count > 0 ? runDiagnostics.Errors[0].ToString() : "the scenario could not be evaluated";
                    diagnostics.Warn("sensitivity_skipped", $"sensitivity of {driver} at {delta:+0.##%;-0.##%} was skipped: {reason}", ("driver", driver), ("delta", delta), ("reason", reason));
                    continue;
                }

                foreach (var option in run.Result.Options)
                {
                    var total = option.Totals.Pv;
                    rows.Add(new SensitivityRow(driver, delta, option.Id, total, total - baseTotals[option.Id]));
                }
            }
        }

        return rows;
    }

    private static JsonNode? Child(JsonNode parent, string token) => parent switch
    {
        JsonObject o => o[token],
        JsonArray a => a[int.Parse(token, CultureInfo.InvariantCulture)],
        _ => null,
    };
}
