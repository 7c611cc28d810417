using System.Text.Json.Nodes;
using Parley.Planner.Input;

namespace Parley.Planner.Pricing;

/// <summary>Where a capacity profile came from; the report repeats it so a reader can find the benchmark run.</summary>
public sealed record CapacityProvenance(string RunId, string Machine, string Commit, string Date, string Note, bool Placeholder)
{
    /// <summary>Per figure, the result file and the values in it that the figure was derived from (issue 21).</summary>
    public IReadOnlyDictionary<string, CapacityFigureSource> Figures { get; init; } = new Dictionary<string, CapacityFigureSource>();

    public static CapacityProvenance Parse(JsonObject? o)
    {
        string Text(string name) => o?[name] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
        // A profile without provenance cannot be traced to a run, so it is treated like the placeholder.
        var placeholder = o is null || (o["placeholder"] is JsonValue p && p.TryGetValue(out bool b) && b);
        var figures = new Dictionary<string, CapacityFigureSource>(StringComparer.Ordinal);
        if (o?["figures"] is JsonObject f)
        {
            foreach (var (name, node) in f)
            {
                if (node is JsonObject figure) figures[name] = CapacityFigureSource.Parse(figure);
            }
        }

        return new CapacityProvenance(Text("run_id"), Text("machine"), Text("commit"), Text("date"), Text("note"), placeholder) { Figures = figures };
    }

    public string Describe() => Placeholder
        ? $"placeholder, not measured ({Note})"
        : $"run {RunId} on {Machine}, commit {Commit}, {Date}";
}

/// <summary>
/// One capacity figure traced to a benchmark result: <c>value = aggregate(values at pointers) / divided_by</c>, measured
/// under <see cref="Threshold"/>. A test (CapacityProfileProvenanceTests) reads the files back and checks the arithmetic.
/// </summary>
/// <param name="Source">Result file, relative to the repository root (bench/results/…).</param>
/// <param name="Pointers">JSON pointers (RFC 6901) of the measured values in that file.</param>
/// <param name="Aggregate"><c>median</c> of the values (one value: itself).</param>
/// <param name="Measured">The aggregate as computed when the profile was written.</param>
/// <param name="DividedBy">What the measured value was divided by (the machine's vCPUs for per-vCPU figures; 1 otherwise).</param>
/// <param name="Threshold">The condition every measured value was taken under (liveness, latency, CPU bound).</param>
public sealed record CapacityFigureSource(string Source, IReadOnlyList<string> Pointers, string Aggregate, decimal Measured, decimal DividedBy, string Threshold)
{
    public static CapacityFigureSource Parse(JsonObject o)
    {
        string Text(string name) => o[name] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
        decimal Number(string name, decimal fallback) => NumberReader.TryRead(o[name], out var d) ? d : fallback;
        var pointers = o["pointers"] is JsonArray a
            ? a.Select(p => p is JsonValue v && v.TryGetValue(out string? s) ? s : "").Where(s => s.Length > 0).ToList()
            : [];
        return new CapacityFigureSource(Text("source"), pointers, o["aggregate"] is null ? "median" : Text("aggregate"),
            Number("measured", 0), Number("divided_by", 1), Text("threshold"));
    }
}
