using System.Text.Json.Nodes;

namespace Parley.Planner.Pricing;

/// <summary>Where a capacity profile came from; the report repeats it so a reader can find the benchmark run.</summary>
public sealed record CapacityProvenance(string RunId, string Machine, string Commit, string Date, string Note, bool Placeholder)
{
    public static CapacityProvenance Parse(JsonObject? o)
    {
        string Text(string name) => o?[name] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
        // A profile without provenance cannot be traced to a run, so it is treated like the placeholder.
        var placeholder = o is null || (o["placeholder"] is JsonValue p && p.TryGetValue(out bool b) && b);
        return new CapacityProvenance(Text("run_id"), Text("machine"), Text("commit"), Text("date"), Text("note"), placeholder);
    }

    public string Describe() => Placeholder
        ? $"placeholder, not measured ({Note})"
        : $"run {RunId} on {Machine}, commit {Commit}, {Date}";
}
