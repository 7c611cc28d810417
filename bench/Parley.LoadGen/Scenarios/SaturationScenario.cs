using Parley.LoadGen.Adapters;
using Parley.LoadGen.Reporting;

namespace Parley.LoadGen.Scenarios;

/// <summary>
/// Steps the offered rate up (×factor per step) until p99 exceeds the limit or errors exceed
/// 0.1 % (issue 7), and reports the last good step as the maximum sustainable rate.
/// Bounded by a step count. It fails only when not even the first step holds.
/// </summary>
public static class SaturationScenario
{
    public static async Task<ScenarioResult> RunAsync(World world, IReadOnlyList<Room> rooms, ServerProbe probe, RunOptions o, CancellationToken ct)
    {
        var r = new ScenarioResult { Name = $"saturation_k{rooms[0].Members.Length}" };
        double rate = o.SaturationStartRate;
        double lastGood = 0;
        Dictionary<string, double>? best = null;
        for (int step = 0; step < o.SaturationMaxSteps && !ct.IsCancellationRequested; step++)
        {
            var m = new Dictionary<string, double>();
            await RoomsScenario.MeasureAsync(m, world, rooms, probe, o, rate, o.SaturationStepSeconds, ct);
            r.Steps.Add(m);
            var probeResult = new ScenarioResult();
            probeResult.Metrics = m;
            RoomsScenario.Judge(probeResult, o.Thresholds);
            await Console.Error.WriteLineAsync($"  step {step}: offered {rate:F0}/s p99 {m["p99_ms"]} ms delivered {m["delivered_ratio"]:P2} errors {m["error_rate"]:P3} -> {(probeResult.Passed ? "ok" : string.Join("; ", probeResult.Failures))}");
            if (!probeResult.Passed) break;
            lastGood = rate;
            best = m;
            rate = Math.Round(rate * o.SaturationFactor);
            // Let queues empty before the next, higher step.
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        r.Metrics["max_sustainable_rate"] = lastGood;
        r.Metrics["room_size"] = rooms[0].Members.Length;
        if (best is not null)
        {
            foreach (var key in new[] { "deliveries_per_sec", "deliveries_per_cpu_sec", "p99_ms", "server_cpu_util", "server_rss_kb" })
                if (best.TryGetValue(key, out var v)) r.Metrics["at_max_" + key] = v;
        }
        r.Check(lastGood > 0, $"even the first step ({o.SaturationStartRate}/s) failed");
        r.ErrorSamples.AddRange(world.Sink.ErrorSamples);
        return r;
    }
}
