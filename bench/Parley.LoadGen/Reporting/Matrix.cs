namespace Parley.LoadGen.Reporting;

/// <summary>All runs of one matrix invocation: the file committed as bench/results/&lt;date&gt;-&lt;commit&gt;.json.</summary>
public sealed class Matrix
{
    public string Date { get; set; } = "";
    public string Commit { get; set; } = "";
    public string Command { get; set; } = "";
    public MachineInfo Machine { get; set; } = new();
    public List<RunResult> Runs { get; set; } = [];

    /// <summary>Median of a metric over the runs of a target (repeats), or null when never measured.</summary>
    public double? Median(string target, string scenario, string metric)
    {
        var values = Runs.Where(r => r.Target == target)
            .SelectMany(r => r.Scenarios.Where(s => s.Name == scenario))
            .Select(s => s.Metrics.TryGetValue(metric, out var v) ? v : (double?)null)
            .Where(v => v is not null)
            .Select(v => v!.Value)
            .Order()
            .ToArray();
        if (values.Length == 0) return null;
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /// <summary>JSON pointers into the matrix file of the values <see cref="Median"/> reduces (the profile's provenance).</summary>
    public List<string> Pointers(string target, string scenario, string metric)
    {
        var pointers = new List<string>();
        for (int i = 0; i < Runs.Count; i++)
        {
            if (Runs[i].Target != target) continue;
            for (int j = 0; j < Runs[i].Scenarios.Count; j++)
            {
                var s = Runs[i].Scenarios[j];
                if (s.Name == scenario && s.Metrics.ContainsKey(metric)) pointers.Add($"/runs/{i}/scenarios/{j}/metrics/{metric}");
            }
        }
        return pointers;
    }

    public IEnumerable<string> Targets => Runs.Select(r => r.Target).Distinct();

    public int Repeats(string target) => Runs.Count(r => r.Target == target);
}
