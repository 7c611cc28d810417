using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.LoadGen.Reporting;

namespace Parley.LoadGen;

/// <summary>`report`: merges run files into the matrix result, the markdown table and the capacity profile.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var runs = new Option<string[]>("--runs") { Description = "Run result files (repeats of a target are reduced to medians)", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Matrix result file, e.g. bench/results/<date>-<commit>.json", Required = true };
        var markdown = new Option<string?>("--markdown") { Description = "Markdown file whose generated table block is replaced (docs/benchmarks.md)" };
        var profile = new Option<string?>("--profile") { Description = "Capacity profile to write (bench/results/capacity-profile.json)" };
        var connectionsRun = new Option<string?>("--connections") { Description = "A connections run result (bench/run-connections.sh): the profile's connection figures come from it" };
        var command = new Option<string>("--command") { Description = "The exact command that produced the runs", DefaultValueFactory = _ => "bench/run-matrix.sh" };
        var commit = new Option<string>("--commit") { DefaultValueFactory = _ => "" };
        var cmd = new Command("report", "Merge run results into bench/results, docs/benchmarks.md and the capacity profile")
        {
            runs, output, markdown, profile, connectionsRun, command, commit,
        };
        cmd.SetAction(async (p, ct) =>
        {
            var matrix = new Matrix
            {
                Date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Commit = p.GetValue(commit)!,
                Command = p.GetValue(command)!,
                Machine = MachineInfo.Describe(),
            };
            foreach (var file in p.GetValue(runs)!)
            {
                var run = JsonSerializer.Deserialize<RunResult>(await File.ReadAllTextAsync(file, ct), ResultJson.Options);
                if (run is not null) matrix.Runs.Add(run);
            }
            string outFile = p.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
            await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(matrix, ResultJson.Options), ct);
            string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(outFile));

            string table = MarkdownTable.Render(matrix, relative);
            Console.WriteLine(table);
            if (p.GetValue(markdown) is { } md)
            {
                string doc = File.Exists(md) ? await File.ReadAllTextAsync(md, ct) : "# Benchmarks\n";
                await File.WriteAllTextAsync(md, MarkdownTable.Splice(doc, table), ct);
            }
            if (p.GetValue(profile) is { } profileFile)
            {
                var problems = new List<string>();
                ConnectionsRun? held = null;
                if (p.GetValue(connectionsRun) is { } connectionsFile)
                {
                    var run = JsonSerializer.Deserialize<RunResult>(await File.ReadAllTextAsync(connectionsFile, ct), ResultJson.Options)
                        ?? throw new InvalidOperationException($"{connectionsFile} is not a run result");
                    held = new ConnectionsRun(Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(connectionsFile)), run);
                }
                if (CapacityProfileWriter.Derive(matrix, relative, problems, held) is { } json)
                {
                    if (File.Exists(profileFile))
                        CapacityProfileWriter.CarryCallFigures(JsonNode.Parse(await File.ReadAllTextAsync(profileFile, ct)) as JsonObject, json);
                    await File.WriteAllTextAsync(profileFile, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", ct);
                    Console.WriteLine($"capacity profile written to {profileFile}");
                }
                else
                {
                    await Console.Error.WriteLineAsync("capacity profile not written: " + string.Join("; ", problems));
                    return 1;
                }
            }
            return 0;
        });
        return cmd;
    }
}
