using Parley.LoadGen.Reporting;

namespace Parley.LoadGen.Scenarios;

/// <summary>
/// N authenticated connections held open: server memory per connection and connect rate.
/// Memory is the server tree's RSS after the hold minus before the first connect.
/// </summary>
public static class IdleScenario
{
    public static async Task<ScenarioResult> RunAsync(World world, ServerProbe probe, RunOptions o, CancellationToken ct)
    {
        var r = new ScenarioResult { Name = "idle" };
        // Let the server settle after user creation (password hashing, GC) before the baseline.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var before = probe.Sample();
        var (perSecond, failed, elapsed) = await world.ConnectAsync(null, ct);
        var connected = probe.Sample();
        await Task.Delay(TimeSpan.FromSeconds(o.IdleHoldSeconds), ct);
        var after = probe.Sample();

        int n = world.ConnectedCount;
        r.Metrics["connections"] = n;
        r.Metrics["connect_failures"] = failed;
        r.Metrics["connect_per_sec"] = Math.Round(perSecond, 1);
        r.Metrics["connect_seconds"] = Math.Round(elapsed.TotalSeconds, 2);
        if (before is not null && after is not null && connected is not null)
        {
            r.Metrics["server_rss_before_kb"] = before.RssKb;
            r.Metrics["server_rss_after_kb"] = after.RssKb;
            r.Metrics["kb_per_connection"] = n == 0 ? 0 : Math.Round((after.RssKb - before.RssKb) / (double)n, 2);
            r.Metrics["connect_cpu_seconds"] = Math.Round(connected.CpuSeconds - before.CpuSeconds, 2);
            r.Metrics["cpu_ms_per_connect"] = n == 0 ? 0 : Math.Round((connected.CpuSeconds - before.CpuSeconds) * 1000 / n, 3);
            r.Metrics["idle_cpu_seconds"] = Math.Round(after.CpuSeconds - connected.CpuSeconds, 3);
            r.Metrics["idle_hold_seconds"] = o.IdleHoldSeconds;
        }
        double failRate = world.Users.Count == 0 ? 0 : failed / (double)world.Users.Count;
        r.Check(failRate <= o.Thresholds.MaxErrorRate, $"{failed} of {world.Users.Count} connections failed (limit {o.Thresholds.MaxErrorRate:P1})");
        r.ErrorSamples.AddRange(world.Sink.ErrorSamples);
        return r;
    }
}
