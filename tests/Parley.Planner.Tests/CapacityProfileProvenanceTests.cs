using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Planner.Input;
using Parley.Planner.Pricing;

namespace Parley.Planner.Tests;

/// <summary>
/// Issue 21: every figure of the committed capacity profile traces to a benchmark result file that exists and holds the
/// numbers it was derived from, so the planner's infrastructure line cannot drift from what was measured.
/// </summary>
public class CapacityProfileProvenanceTests
{
    private static readonly string[] SizingFigures = ["conn_per_vcpu", "deliveries_per_vcpu_sec", "mem_kb_per_conn", "base_mem_gb", "stored_bytes_per_message",
        "sfu_cpu_percent_per_stream", "sfu_kbps_per_stream", "signalling_cpu_ms_per_join"];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("Parley.slnx not found above " + AppContext.BaseDirectory);
    }

    private static (JsonObject Json, CapacityProfile Profile) Committed()
    {
        var path = Path.Combine(RepositoryRoot(), "bench", "results", "capacity-profile.json");
        var json = (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;
        var errors = new List<PlanError>();
        var profile = CapacityProfile.Parse(json, errors);
        Assert.True(profile is not null, "the committed profile does not parse: " + string.Join("; ", errors));
        return (json, profile!);
    }

    [Fact]
    public void CommittedProfile_EverySizingFigure_HasASource()
    {
        var (json, profile) = Committed();

        Assert.False(profile.Provenance.Placeholder, "the committed profile must be a measurement");
        foreach (var name in SizingFigures.Append("max_conn_per_process").Where(n => json[n] is not null))
        {
            Assert.True(profile.Provenance.Figures.TryGetValue(name, out var figure), $"{name} has no entry in provenance.figures");
            Assert.False(string.IsNullOrWhiteSpace(figure!.Threshold), $"{name} does not say under which threshold it was measured");
            Assert.NotEmpty(figure.Pointers);
        }
    }

    [Fact]
    public void CommittedProfile_EveryFigure_MatchesTheValuesInItsResultFile()
    {
        var (json, profile) = Committed();
        var root = RepositoryRoot();

        foreach (var (name, figure) in profile.Provenance.Figures)
        {
            var file = Path.Combine(root, figure.Source);
            Assert.True(File.Exists(file), $"{name}: result file {figure.Source} does not exist");
            var result = JsonNode.Parse(File.ReadAllText(file))!;
            var values = figure.Pointers.Select(p => Resolve(result, p) ?? throw new Xunit.Sdk.XunitException($"{name}: {figure.Source} has no number at {p}")).ToList();
            var aggregate = figure.Aggregate switch
            {
                "median" => Median(values),
                _ => throw new Xunit.Sdk.XunitException($"{name}: unknown aggregate '{figure.Aggregate}'"),
            };
            Assert.True(Close(aggregate, figure.Measured), $"{name}: the {figure.Aggregate} of {string.Join(", ", values)} in {figure.Source} is {aggregate}, the profile says {figure.Measured}");
            var stated = NumberReader.TryRead(json[name], out var v) ? v : throw new Xunit.Sdk.XunitException($"{name} is traced but not in the profile");
            Assert.True(Close(figure.Measured / figure.DividedBy, stated), $"{name}: {figure.Measured} / {figure.DividedBy} is not the profile's {stated}");
        }
    }

    private static decimal? Resolve(JsonNode node, string pointer)
    {
        JsonNode? current = node;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var part = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return NumberReader.TryRead(current, out var d) ? d : null;
    }

    private static decimal Median(List<decimal> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    // Figures are rounded when the profile is written (whole connections, one decimal of KB, three of GB): 0.5 %.
    private static bool Close(decimal a, decimal b) => Math.Abs(a - b) <= Math.Max(0.001m, Math.Abs(b) * 0.005m);
}
