using System.Reflection;
using Parley.Planner;
using Parley.Planner.Input;
using Parley.Planner.Pricing;

namespace Parley.Server.Features.Planner;

/// <summary>
/// Which capacity profile sizes Parley's hardware: a file named by Parley:Planner:CapacityProfile, else the
/// profile measured by the load generator and embedded at build time (bench/results/capacity-profile.json),
/// else the planner's placeholder (which the report flags as not measured).
/// </summary>
public static class CapacityProfileSource
{
    public const string EmbeddedName = "Parley.Server.capacity-profile.json";

    public static CapacityProfile Load(string? path)
    {
        var errors = new List<PlanError>();
        if (!string.IsNullOrEmpty(path))
        {
            using var file = File.OpenRead(path);
            return CapacityProfile.Parse(file, errors) ?? throw new InvalidOperationException(
                $"The capacity profile {path} is invalid: " + string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        }
        using var embedded = Assembly.GetExecutingAssembly().GetManifestResourceStream(EmbeddedName);
        return embedded is not null && CapacityProfile.Parse(embedded, errors) is { } measured ? measured : CapacityProfile.LoadDefault();
    }

    /// <summary>The path the CLI passes to the planner (null: let the engine use its placeholder) — written to a temp file when embedded.</summary>
    public static string? PathForCli(string? configured)
    {
        if (!string.IsNullOrEmpty(configured)) return configured;
        using var embedded = Assembly.GetExecutingAssembly().GetManifestResourceStream(EmbeddedName);
        if (embedded is null) return null;
        var temp = Path.Combine(Path.GetTempPath(), $"parley-capacity-{Environment.ProcessId}.json");
        using (var f = File.Create(temp)) embedded.CopyTo(f);
        return temp;
    }
}
