using Parley.LoadGen.Reporting;

namespace Parley.LoadGen.Scenarios;

/// <summary>
/// N authenticated connections held open: server memory per connection and connect rate.
/// Connections open in two halves with a settle between; memory per connection is the RSS
/// slope between the halves. The slope cancels what a plain after-minus-before keeps: the
/// garbage user creation left behind (ejabberd's RSS even fell while its first 400 connected).
/// </summary>
public static class IdleScenario
{
    public static async Task<ScenarioResult> RunAsync(World world, ServerProbe probe, RunOptions o, CancellationToken ct)
    {
        var r = new ScenarioResult { Name = "idle" };
        var settle = TimeSpan.FromSeconds(Math.Max(1, o.IdleHoldSeconds / 2));
        await Task.Delay(settle, ct);
        var before = probe.Sample();
        int half = world.Users.Count / 2;
        var first = await world.ConnectAsync(Enumerable.Range(0, half), ct);
        await Task.Delay(settle, ct);
        var middle = probe.Sample();
        var second = await world.ConnectAsync(Enumerable.Range(half, world.Users.Count - half), ct);
        var connected = probe.Sample();
        await Task.Delay(settle, ct);
        var after = probe.Sample();

        int n = world.ConnectedCount;
        int failed = first.Failed + second.Failed;
        double seconds = (first.Elapsed + second.Elapsed).TotalSeconds;
        r.Metrics["connections"] = n;
        r.Metrics["connect_failures"] = failed;
        r.Metrics["connect_per_sec"] = Math.Round(world.Users.Count / Math.Max(seconds, 1e-3), 1);
        r.Metrics["connect_seconds"] = Math.Round(seconds, 2);
        if (before is not null && middle is not null && after is not null && connected is not null)
        {
            int secondHalf = n - half;
            r.Metrics["server_rss_before_kb"] = before.RssKb;
            r.Metrics["server_rss_half_kb"] = middle.RssKb;
            r.Metrics["server_rss_after_kb"] = after.RssKb;
            r.Metrics["kb_per_connection"] = secondHalf <= 0 ? 0 : Math.Round((after.RssKb - middle.RssKb) / (double)secondHalf, 2);
            r.Metrics["kb_per_connection_gross"] = n == 0 ? 0 : Math.Round((after.RssKb - before.RssKb) / (double)n, 2);
            r.Metrics["cpu_ms_per_connect"] = secondHalf <= 0 ? 0 : Math.Round((connected.CpuSeconds - middle.CpuSeconds) * 1000 / secondHalf, 3);
            r.Metrics["idle_cpu_util"] = Math.Round((after.CpuSeconds - connected.CpuSeconds) / settle.TotalSeconds, 4);
        }
        double failRate = world.Users.Count == 0 ? 0 : failed / (double)world.Users.Count;
        r.Check(failRate <= o.Thresholds.MaxErrorRate, $"{failed} of {world.Users.Count} connections failed (limit {o.Thresholds.MaxErrorRate:P1})");
        r.ErrorSamples.AddRange(world.Sink.ErrorSamples);
        return r;
    }
}
