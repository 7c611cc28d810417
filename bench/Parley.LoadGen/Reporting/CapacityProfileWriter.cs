using System.Globalization;
using System.Text.Json.Nodes;

namespace Parley.LoadGen.Reporting;

/// <summary>
/// Derives bench/results/capacity-profile.json (PLANNER.md §3.2 capacity_profile; read by
/// Parley.Planner's CapacityProfile) from Parley's runs in a matrix. Each figure says how it
/// was derived, because the planner multiplies them into node counts.
/// </summary>
public static class CapacityProfileWriter
{
    public static JsonObject? Derive(Matrix m, string resultFile, List<string> problems)
    {
        const string t = "parley";
        if (!m.Targets.Contains(t)) { problems.Add("no Parley run in the matrix"); return null; }

        double connections = m.Median(t, "idle", "connections") ?? 0;
        double deliveries = m.Median(t, "rooms_k100", "deliveries_per_cpu_sec") ?? m.Median(t, "rooms_k10", "deliveries_per_cpu_sec") ?? 0;
        double kbPerConn = m.Median(t, "idle", "kb_per_connection") ?? 0;
        if (kbPerConn <= 0) kbPerConn = m.Median(t, "idle", "kb_per_connection_gross") ?? 0;
        double baseKb = m.Median(t, "idle", "server_rss_before_kb") ?? 0;
        double stored = m.Median(t, "rooms_k100", "stored_bytes_per_message") ?? m.Median(t, "rooms_k10", "stored_bytes_per_message") ?? 0;
        int vcpus = Math.Max(1, m.Machine.Vcpus);

        void Need(string name, double v) { if (v <= 0) problems.Add($"{name} could not be derived (got {v})"); }
        Need("conn_per_vcpu", connections);
        Need("deliveries_per_vcpu_sec", deliveries);
        Need("mem_kb_per_conn", kbPerConn);
        Need("stored_bytes_per_message", stored);
        if (problems.Count > 0) return null;

        return new JsonObject
        {
            ["conn_per_vcpu"] = Math.Round(connections / vcpus),
            ["deliveries_per_vcpu_sec"] = Math.Round(deliveries),
            ["mem_kb_per_conn"] = Math.Round(kbPerConn, 1),
            ["base_mem_gb"] = Math.Round(baseKb / 1024 / 1024, 3),
            ["stored_bytes_per_message"] = Math.Round(stored),
            ["provenance"] = new JsonObject
            {
                ["run_id"] = resultFile,
                ["machine"] = m.Machine.ToString(),
                ["commit"] = m.Commit,
                ["date"] = m.Date,
                ["placeholder"] = false,
                ["note"] = string.Create(CultureInfo.InvariantCulture,
                    $"conn_per_vcpu: {connections} idle connections held with every threshold passing, divided by the machine's {vcpus} vCPU, a lower bound (the run does not search for the connection limit; one process may hold 20,000 open files here). ") +
                    ("deliveries_per_vcpu_sec: median deliveries per server CPU-second in rooms of 100 at the matrix's offered load. " +
                    "mem_kb_per_conn: server RSS slope between the two halves of the idle connections. " +
                    "base_mem_gb: server RSS with users created and no connection. " +
                    "stored_bytes_per_message: growth of the data folder (database and WAL) per message stored during the rooms run; noisy on short runs (WAL preallocation and checkpoints)."),
            },
        };
    }
}
