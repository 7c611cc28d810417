using System.Diagnostics;
using Parley.LoadGen.Adapters;
using Parley.LoadGen.Reporting;

namespace Parley.LoadGen.Scenarios;

/// <summary>
/// Drops a fraction of the connections at once (no goodbye), reconnects them all together and
/// measures the time until every one is connected, back in its rooms and caught up (Parley:
/// latest page of each of its rooms fetched; XMPP MUC has no catch-up beyond the rejoin).
/// </summary>
public static class ReconnectScenario
{
    public static async Task<ScenarioResult> RunAsync(World world, ServerProbe probe, RunOptions o, CancellationToken ct)
    {
        var r = new ScenarioResult { Name = "reconnect" };
        int count = (int)(world.ConnectedCount * o.ReconnectFraction);
        var dropped = Enumerable.Range(0, world.Clients.Length).Where(i => world.Clients[i] is not null).Take(count).ToArray();
        var before = probe.Sample();
        foreach (int i in dropped)
        {
            world.Clients[i]!.Abort();
            world.Clients[i] = null;
        }
        var sw = Stopwatch.StartNew();
        var (_, failed, connectTime) = await world.ConnectAsync(dropped, ct);
        int joinFailures = 0;
        foreach (var rooms in world.RoomSets.Values)
            joinFailures += await world.JoinAsync(rooms, dropped, ct);
        int catchUpFailures = 0;
        if (world.Target.History is { } history)
        {
            var rooms = world.RoomSets.Values.SelectMany(x => x).ToArray();
            var memberOf = rooms.SelectMany(room => room.Members.Select(m => (m, room))).ToLookup(x => x.m, x => x.room);
            await Parallel.ForEachAsync(dropped, new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism, CancellationToken = ct },
                async (i, token) =>
                {
                    foreach (var room in memberOf[i])
                    {
                        try { await history.LatestPageAsync(world.Users[i], room, 50, token); }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            Interlocked.Increment(ref catchUpFailures);
                            world.Sink.OnError($"catch-up {room.Key}: {e.Message}");
                        }
                    }
                });
        }
        sw.Stop();
        var after = probe.Sample();
        r.Metrics["dropped"] = dropped.Length;
        r.Metrics["reconnect_failures"] = failed;
        r.Metrics["rejoin_failures"] = joinFailures;
        r.Metrics["catch_up_failures"] = catchUpFailures;
        r.Metrics["reconnect_seconds"] = Math.Round(connectTime.TotalSeconds, 2);
        r.Metrics["all_caught_up_seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 2);
        if (before is not null && after is not null)
            r.Metrics["server_cpu_seconds"] = Math.Round(after.CpuSeconds - before.CpuSeconds, 2);
        r.Check(failed + joinFailures + catchUpFailures == 0, $"{failed} reconnects, {joinFailures} rejoins and {catchUpFailures} catch-ups failed");
        r.Check(sw.Elapsed.TotalSeconds <= o.Thresholds.MaxReconnectSeconds, $"catch-up took {sw.Elapsed.TotalSeconds:F1} s (limit {o.Thresholds.MaxReconnectSeconds} s)");
        r.ErrorSamples.AddRange(world.Sink.ErrorSamples);
        return r;
    }
}
