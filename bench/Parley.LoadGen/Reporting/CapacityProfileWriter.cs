using System.Globalization;
using System.Text.Json.Nodes;

namespace Parley.LoadGen.Reporting;

/// <summary>
/// Derives bench/results/capacity-profile.json (PLANNER.md §3.2 capacity_profile; read by
/// Parley.Planner's CapacityProfile) from Parley's runs in a matrix and, when given, a connections run. Each figure
/// records the result file, the JSON pointers of the values it came from and the threshold they were measured under
/// (provenance.figures), because the planner multiplies them into node counts; CapacityProfileProvenanceTests reads
/// them back.
/// </summary>
public static class CapacityProfileWriter
{
    public static JsonObject? Derive(Matrix m, string resultFile, List<string> problems, ConnectionsRun? connections = null)
    {
        const string t = "parley";
        if (!m.Targets.Contains(t)) { problems.Add("no Parley run in the matrix"); return null; }
        int vcpus = Math.Max(1, m.Machine.Vcpus);
        var figures = new JsonObject();
        var profile = new JsonObject();

        // Adds a figure = median(values) / dividedBy, rounded, with where it came from.
        void Figure(string name, string source, List<string> pointers, double? measured, double dividedBy, int decimals, string threshold)
        {
            if (measured is not > 0 || pointers.Count == 0) { problems.Add($"{name} could not be derived (got {measured})"); return; }
            profile[name] = Math.Round(measured.Value / dividedBy, decimals);
            figures[name] = new JsonObject
            {
                ["source"] = source,
                ["pointers"] = new JsonArray(pointers.Select(p => (JsonNode)p).ToArray()),
                ["aggregate"] = "median",
                ["measured"] = Math.Round(measured.Value, 4),
                ["divided_by"] = dividedBy,
                ["threshold"] = threshold,
            };
        }

        string k100 = m.Median(t, "rooms_k100", "deliveries_per_cpu_sec") is null ? "rooms_k10" : "rooms_k100";
        if (connections is { } c)
        {
            const string held = "every connection answered the liveness message and the server closed none; one server process";
            Figure("conn_per_vcpu", c.File, [c.PathTo("connections")], c.Metric("connections"), vcpus, 0, held + $"; divided by the machine's {vcpus} vCPU");
            Figure("max_conn_per_process", c.File, [c.PathTo("connections")], c.Metric("connections"), 1, 0, held + " (its open-files limit caps it)");
            Figure("mem_kb_per_conn", c.File, [c.PathTo("kb_per_connection")], c.Metric("kb_per_connection"), 1, 1, "server RSS growth per held connection");
        }
        else
        {
            Figure("conn_per_vcpu", resultFile, m.Pointers(t, "idle", "connections"), m.Median(t, "idle", "connections"), vcpus, 0,
                $"idle connections held with every threshold passing, divided by the machine's {vcpus} vCPU: a lower bound (the matrix does not search for the limit)");
            Figure("mem_kb_per_conn", resultFile, m.Pointers(t, "idle", "kb_per_connection"), m.Median(t, "idle", "kb_per_connection"), 1, 1,
                "server RSS slope between the two halves of the idle connections");
        }
        var (busiest, threshold) = DeliveryLimit(m, t, k100);
        Figure("deliveries_per_vcpu_sec", resultFile, m.Pointers(t, busiest, "deliveries_per_cpu_sec"), m.Median(t, busiest, "deliveries_per_cpu_sec"), 1, 0, threshold);
        Figure("base_mem_gb", resultFile, m.Pointers(t, "idle", "server_rss_before_kb"), m.Median(t, "idle", "server_rss_before_kb"), 1024 * 1024, 3,
            "server RSS with the users created and no connection");
        Figure("stored_bytes_per_message", resultFile, m.Pointers(t, k100, "stored_bytes_per_message"), m.Median(t, k100, "stored_bytes_per_message"), 1, 0,
            "growth of the data folder (database and WAL) per message stored during the rooms run; noisy on short runs");
        if (problems.Count > 0) return null;

        profile["provenance"] = new JsonObject
        {
            ["run_id"] = resultFile,
            ["machine"] = m.Machine.ToString(),
            ["commit"] = m.Commit,
            ["date"] = m.Date,
            ["placeholder"] = false,
            ["note"] = string.Create(CultureInfo.InvariantCulture,
                $"Each figure's source, values and threshold are in provenance.figures. Deliveries per vCPU-second are measured at the highest offered load served with p99 under {MaxP99Ms} ms, not at saturation."),
            ["figures"] = figures,
        };
        return profile;
    }

    /// <summary>P99 delivery latency under which a load counts as served (issue 21, goal 5).</summary>
    public const double MaxP99Ms = 100;

    /// <summary>
    /// The rooms-of-100 scenario the delivery figure comes from: of the matrix's offered loads (RATES), the highest at
    /// which every run delivered everything with p99 under <see cref="MaxP99Ms"/>. Deliveries per CPU-second grow with
    /// the load (fixed costs spread over more deliveries), so the reference load alone understates a busy node. When no
    /// load qualifies, the reference load is used and the threshold says so.
    /// </summary>
    private static (string Scenario, string Threshold) DeliveryLimit(Matrix m, string target, string reference)
    {
        var runs = m.Runs.Where(r => r.Target == target).ToList();
        var served = runs.SelectMany(r => r.Scenarios).Select(s => s.Name)
            .Where(n => n == reference || n.StartsWith(reference + "_r", StringComparison.Ordinal)).Distinct()
            .Select(n => (Name: n, Offered: (m.Median(target, n, "offered_rate") ?? 0) * (m.Median(target, n, "room_size") ?? 0),
                Runs: runs.Select(r => r.Scenarios.FirstOrDefault(s => s.Name == n)).ToList()))
            .Where(c => c.Runs.All(s => s is not null && s.Metrics.GetValueOrDefault("p99_ms", double.MaxValue) < MaxP99Ms
                && s.Metrics.GetValueOrDefault("delivered_ratio") >= 1))
            .OrderByDescending(c => c.Offered)
            .FirstOrDefault();
        if (served.Name is null)
            return (reference, string.Create(CultureInfo.InvariantCulture,
                $"rooms of 100 at the matrix's reference load; no load had every run under p99 {MaxP99Ms} ms with every delivery made"));
        string p99s = string.Join(", ", served.Runs.Select(s => s!.Metrics["p99_ms"].ToString("0.#", CultureInfo.InvariantCulture)));
        return (served.Name, string.Create(CultureInfo.InvariantCulture,
            $"rooms of 100 at {served.Offered:N0} deliveries/s, the highest of the matrix's offered loads at which every run made every delivery with p99 under {MaxP99Ms} ms (p99 {p99s} ms); at that load, not at saturation"));
    }

    /// <summary>The call figures (issue 15) come from bench/calls/run-sfu.mjs, not from the matrix.</summary>
    public static readonly string[] CallFigures = ["sfu_cpu_percent_per_stream", "sfu_kbps_per_stream", "signalling_cpu_ms_per_join"];

    /// <summary>
    /// Keeps the call figures of the profile being replaced, with their provenance: a matrix run does not measure calls,
    /// so rewriting the profile must not drop what the calls run measured.
    /// </summary>
    public static void CarryCallFigures(JsonObject? previous, JsonObject profile)
    {
        if (previous is null || profile["provenance"]?["figures"] is not JsonObject figures) return;
        var previousFigures = previous["provenance"]?["figures"] as JsonObject;
        foreach (var name in CallFigures)
        {
            if (previous[name] is not JsonNode value || previousFigures?[name] is not JsonNode source) continue;
            profile[name] = value.DeepClone();
            figures[name] = source.DeepClone();
        }
    }
}

/// <summary>A `connections` run result (bench/run-connections.sh) the profile takes its connection figures from.</summary>
public sealed record ConnectionsRun(string File, RunResult Run)
{
    public double? Metric(string name) =>
        Run.Scenarios.FirstOrDefault(s => s.Name == "connections" && s.Passed)?.Metrics.TryGetValue(name, out var v) == true ? v : null;

    public string PathTo(string name) =>
        $"/scenarios/{Run.Scenarios.FindIndex(s => s.Name == "connections")}/metrics/{name}";
}
