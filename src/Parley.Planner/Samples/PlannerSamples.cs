using System.Reflection;
using System.Text.Json.Nodes;

namespace Parley.Planner.Samples;

/// <summary>The sample scenarios shipped with the engine, for presets in the web page and API.</summary>
public static class PlannerSamples
{
    private const string Prefix = "Parley.Planner.Samples.";

    public static IReadOnlyList<string> Names { get; } = Assembly.GetExecutingAssembly().GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Returns the named sample (e.g. "company-1000-cny"), or null when there is none.</summary>
    public static JsonNode? Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + name + ".json");
        return stream is null ? null : JsonNode.Parse(stream);
    }
}
