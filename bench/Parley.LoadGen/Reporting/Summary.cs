using System.Globalization;
using System.Text;

namespace Parley.LoadGen.Reporting;

/// <summary>The human summary printed after a run.</summary>
public static class Summary
{
    public static string Format(RunResult run)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"== {run.Target} on {run.Machine} ==");
        foreach (var s in run.Scenarios)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{(s.Passed ? "PASS" : "FAIL")} {s.Name}");
            sb.AppendLine("     " + string.Join("  ", s.Metrics.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}")));
            foreach (var f in s.Failures) sb.AppendLine("     ! " + f);
            foreach (var e in s.ErrorSamples.Take(3)) sb.AppendLine("     e.g. " + e);
        }
        sb.AppendLine(run.Passed ? "RESULT: PASS" : "RESULT: FAIL");
        return sb.ToString();
    }
}
