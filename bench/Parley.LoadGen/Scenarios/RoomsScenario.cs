using System.Diagnostics;
using Parley.LoadGen.Adapters;
using Parley.LoadGen.Reporting;

namespace Parley.LoadGen.Scenarios;

/// <summary>
/// Users in rooms of size K; an open-loop sender at a fixed aggregate rate for a bounded time.
/// Measures sent, deliveries/s, end-to-end latency, errors, server CPU-seconds and RSS.
/// </summary>
public static class RoomsScenario
{
    // After the last send, deliveries still in flight get this long to arrive. 30 s, because
    // on this shared machine (load average 20+ from other work) the peers needed more than 10 s
    // to work off a backlog, and CPU per delivery is only fair when the deliveries are counted.
    private static readonly TimeSpan MaxDrain = TimeSpan.FromSeconds(30);

    public static async Task<ScenarioResult> RunAsync(string name, World world, IReadOnlyList<Room> rooms, ServerProbe probe,
        RunOptions o, double rate, double seconds, CancellationToken ct)
    {
        var r = new ScenarioResult { Name = name };
        await MeasureAsync(r.Metrics, world, rooms, probe, o, rate, seconds, ct);
        Judge(r, o.Thresholds);
        r.ErrorSamples.AddRange(world.Sink.ErrorSamples);
        return r;
    }

    /// <summary>One measured window; fills <paramref name="m"/> (also used by each saturation step).</summary>
    public static async Task MeasureAsync(Dictionary<string, double> m, World world, IReadOnlyList<Room> rooms, ServerProbe probe,
        RunOptions o, double rate, double seconds, CancellationToken ct)
    {
        long dataBefore = probe.DataBytes() ?? -1;
        var before = probe.Sample();
        var ownCpuBefore = Environment.CpuUsage.TotalTime;
        long errorsBefore = world.Sink.Errors;
        var phase = world.Sink.BeginPhase();
        var sender = new OpenLoopSender(world, rooms, o.PaddingBytes);
        var outcome = await sender.RunAsync(rate, TimeSpan.FromSeconds(seconds), ct);

        // Drain: stop when everything expected arrived, nothing arrived for 2 s, or the cap.
        var drain = Stopwatch.StartNew();
        long lastCount = -1;
        var lastProgress = Stopwatch.StartNew();
        while (drain.Elapsed < MaxDrain && phase.Received < outcome.ExpectedDeliveries)
        {
            await Task.Delay(100, ct);
            if (phase.Received != lastCount) { lastCount = phase.Received; lastProgress.Restart(); }
            else if (lastProgress.Elapsed > TimeSpan.FromSeconds(2)) break;
        }
        var after = probe.Sample();
        var ownCpu = (Environment.CpuUsage.TotalTime - ownCpuBefore).TotalSeconds;
        long dataAfter = probe.DataBytes() ?? -1;

        var lat = phase.Latency.Summarize();
        double window = phase.LastDeliveryTicks > phase.StartTicks
            ? (phase.LastDeliveryTicks - phase.StartTicks) / (double)Stopwatch.Frequency
            : outcome.Elapsed.TotalSeconds;
        m["offered_rate"] = rate;
        m["room_size"] = rooms.Count == 0 ? 0 : rooms[0].Members.Length;
        m["rooms"] = rooms.Count;
        m["sent"] = outcome.Sent;
        m["send_failures"] = outcome.Failed;
        m["expected_deliveries"] = outcome.ExpectedDeliveries;
        m["deliveries"] = lat.Count;
        m["delivered_ratio"] = outcome.ExpectedDeliveries == 0 ? 0 : Math.Round(lat.Count / (double)outcome.ExpectedDeliveries, 5);
        m["deliveries_per_sec"] = Math.Round(lat.Count / Math.Max(window, 1e-3), 1);
        m["achieved_send_rate"] = Math.Round(outcome.Sent / Math.Max(outcome.Elapsed.TotalSeconds, 1e-3), 1);
        m["p50_ms"] = Math.Round(lat.P50Ms, 2);
        m["p95_ms"] = Math.Round(lat.P95Ms, 2);
        m["p99_ms"] = Math.Round(lat.P99Ms, 2);
        m["max_ms"] = Math.Round(lat.MaxMs, 2);
        // The generator shares the machine: its own CPU shows when it, not the server, is the limit.
        m["loadgen_cpu_seconds"] = Math.Round(ownCpu, 2);
        m["load_average_1m"] = LoadAverage();
        m["client_errors"] = world.Sink.Errors - errorsBefore;
        long attempted = outcome.Sent + outcome.Failed;
        m["error_rate"] = attempted == 0 ? 0 : Math.Round((outcome.Failed + (world.Sink.Errors - errorsBefore)) / (double)attempted, 5);
        if (before is not null && after is not null)
        {
            double cpu = after.CpuSeconds - before.CpuSeconds;
            m["server_cpu_seconds"] = Math.Round(cpu, 2);
            m["server_rss_kb"] = after.RssKb;
            m["deliveries_per_cpu_sec"] = cpu <= 0 ? 0 : Math.Round(lat.Count / cpu, 1);
            m["server_cpu_util"] = Math.Round(cpu / Math.Max(window, 1e-3), 3);
        }
        if (dataBefore >= 0 && dataAfter >= 0 && outcome.Sent > 0)
        {
            m["stored_bytes_delta"] = dataAfter - dataBefore;
            m["stored_bytes_per_message"] = Math.Round((dataAfter - dataBefore) / (double)outcome.Sent, 1);
        }
    }

    /// <summary>1-minute load average: other work on the machine makes every figure noisier.</summary>
    public static double LoadAverage()
    {
        try { return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture); }
        catch (IOException) { return -1; }
    }

    public static void Judge(ScenarioResult r, Thresholds t)
    {
        var m = r.Metrics;
        r.Check(m["error_rate"] <= t.MaxErrorRate, $"error rate {m["error_rate"]:P2} above {t.MaxErrorRate:P2}");
        r.Check(m["delivered_ratio"] >= t.MinDeliveredRatio, $"delivered {m["delivered_ratio"]:P2} of expected (limit {t.MinDeliveredRatio:P1})");
        r.Check(m["p99_ms"] <= t.MaxP99Ms, $"p99 {m["p99_ms"]} ms above {t.MaxP99Ms} ms");
        r.Check(m["sent"] > 0, "nothing was sent");
    }
}
