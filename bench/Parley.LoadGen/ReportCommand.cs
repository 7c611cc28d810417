using System.CommandLine;

namespace Parley.LoadGen;

/// <summary>`report`: merges run files into the matrix result, the markdown table and the capacity profile.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var cmd = new Command("report", "Merge run results into bench/results, docs/benchmarks.md and the capacity profile");
        cmd.SetAction(_ => 0);
        return cmd;
    }
}
