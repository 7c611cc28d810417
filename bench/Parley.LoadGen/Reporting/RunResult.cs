namespace Parley.LoadGen.Reporting;

/// <summary>One load-generator run against one server: what the matrix report and the planner read.</summary>
public sealed class RunResult
{
    public string Target { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public string Commit { get; set; } = "";
    public string Command { get; set; } = "";
    public MachineInfo Machine { get; set; } = new();
    public Dictionary<string, double> Parameters { get; set; } = [];
    public List<ScenarioResult> Scenarios { get; set; } = [];
    public bool Passed => Scenarios.All(s => s.Passed);
}

public sealed class ScenarioResult
{
    public string Name { get; set; } = "";
    public bool Passed { get; set; } = true;
    public List<string> Failures { get; set; } = [];
    public Dictionary<string, double> Metrics { get; set; } = [];
    public List<Dictionary<string, double>> Steps { get; set; } = [];
    public List<string> ErrorSamples { get; set; } = [];

    /// <summary>Records a threshold check: a failed check fails the scenario with a readable reason.</summary>
    public void Check(bool ok, string failure)
    {
        if (ok) return;
        Passed = false;
        Failures.Add(failure);
    }
}
