using System.Diagnostics;
using Parley.LoadGen.Measurement;
using Parley.LoadGen.Reporting;

namespace Parley.LoadGen.Scenarios;

/// <summary>
/// Latest-page history fetch and Chinese full-text search latency, sequential requests (one
/// user's view, no queueing). Seeds a few Chinese messages first so the search has hits; the
/// 10-million-message database comes from the seeding seam (bench/README.md), not from here.
/// </summary>
public static class HistoryScenario
{
    // Sentences a team chat might hold; the search term is in some of them.
    private static readonly string[] Lines =
    [
        "请在周五之前提交季度报告", "明天上午十点开会讨论新版本", "季度报告的数据已经更新了", "客户反馈了登录问题，请尽快处理",
        "午饭一起去吃面吗", "部署脚本已经合并到主分支",
    ];

    private const int HistoryWarmupRequests = 20;

    public static async Task<ScenarioResult> RunAsync(World world, RunOptions o, CancellationToken ct)
    {
        var r = new ScenarioResult { Name = "history_search" };
        if (world.Target.History is not { } history)
        {
            r.Metrics["skipped"] = 1;
            return r;
        }
        var room = world.RoomSets.Values.First()[0];
        var user = world.Users[room.Members[0]];
        if (o.HistoryConversationId is { } seeded)
        {
            // A seeded channel (bench/Parley.Seed `seed messages`); its members are the first
            // seeded users, so user 0 of the accounts file reads it.
            room = new Adapters.Room(seeded.ToString(System.Globalization.CultureInfo.InvariantCulture), seeded, [0]);
            user = world.Users[0];
        }
        else
        {
            // Round-robin over the members, one send at a time: no sender comes near the
            // per-user send limit (issue 2: 10/s, burst 30).
            var senders = room.Members.Select(m => world.Clients[m]).OfType<Adapters.IChatClient>().ToArray();
            if (senders.Length == 0) throw new InvalidOperationException("no member of the room is connected");
            for (int i = 0; i < o.SeedMessages; i++)
                await senders[i % senders.Length].SendAsync(room, $"{Lines[i % Lines.Length]} #{i}", ct);
        }

        // Unmeasured first requests: they pay for JIT-compiling the endpoints and Dapper's row mappers. p99 of 200 is the
        // second-slowest request, so without this the cold first request alone decided it (21.5 ms on 10 M messages,
        // with p50 1.6 ms).
        for (int i = 0; i < HistoryWarmupRequests; i++)
        {
            await history.LatestPageAsync(user, room, 50, ct);
            await history.SearchAsync(user, o.SearchQuery, ct);
        }

        // Client-side time, and the server's own (Server-Timing) beside it: the difference is the network stack,
        // the scheduler and the client, which on 2 shared cores is where a tail can come from.
        var page = new LatencyHistogram();
        var search = new LatencyHistogram();
        var pageServer = new LatencyHistogram();
        var searchServer = new LatencyHistogram();
        int errors = 0, hits = 0;
        for (int i = 0; i < o.HistoryRequests; i++)
        {
            try { await TimedAsync(page, pageServer, () => history.LatestPageAsync(user, room, 50, ct)); }
            catch (Exception e) when (e is not OperationCanceledException) { errors++; world.Sink.OnError(e.Message); }
            try { hits = (await TimedAsync(search, searchServer, () => history.SearchAsync(user, o.SearchQuery, ct))).Items; }
            catch (Exception e) when (e is not OperationCanceledException) { errors++; world.Sink.OnError(e.Message); }
        }
        var p = page.Summarize();
        var s = search.Summarize();
        if (pageServer.Count > 0)
        {
            r.Metrics["history_server_p50_ms"] = Math.Round(pageServer.PercentileMs(0.50), 2);
            r.Metrics["history_server_p99_ms"] = Math.Round(pageServer.PercentileMs(0.99), 2);
            r.Metrics["search_server_p95_ms"] = Math.Round(searchServer.PercentileMs(0.95), 2);
        }
        r.Metrics["requests"] = o.HistoryRequests;
        r.Metrics["errors"] = errors;
        r.Metrics["history_p50_ms"] = Math.Round(p.P50Ms, 2);
        r.Metrics["history_p99_ms"] = Math.Round(p.P99Ms, 2);
        r.Metrics["search_p50_ms"] = Math.Round(s.P50Ms, 2);
        r.Metrics["search_p95_ms"] = Math.Round(s.P95Ms, 2);
        r.Metrics["search_hits"] = hits;
        r.Check(errors == 0, $"{errors} history/search requests failed");
        r.Check(hits > 0, $"search for '{o.SearchQuery}' found nothing after seeding it");
        r.Metrics["seeded_conversation"] = o.HistoryConversationId ?? 0;
        if (o.Thresholds.EnforceHistoryLatency || o.HistoryConversationId is not null)
        {
            r.Check(p.P99Ms <= o.Thresholds.MaxHistoryP99Ms, $"history p99 {p.P99Ms:F1} ms above {o.Thresholds.MaxHistoryP99Ms} ms");
            r.Check(s.P95Ms <= o.Thresholds.MaxSearchP95Ms, $"search p95 {s.P95Ms:F1} ms above {o.Thresholds.MaxSearchP95Ms} ms");
        }
        r.ErrorSamples.AddRange(world.Sink.ErrorSamples);
        return r;
    }

    private static async Task<Adapters.ProbeReply> TimedAsync(LatencyHistogram client, LatencyHistogram server, Func<Task<Adapters.ProbeReply>> probe)
    {
        long t0 = Stopwatch.GetTimestamp();
        var reply = await probe();
        client.RecordStopwatchTicks(Stopwatch.GetTimestamp() - t0);
        if (reply.ServerMs is { } ms) server.RecordMicros((long)(ms * 1000));
        return reply;
    }
}
