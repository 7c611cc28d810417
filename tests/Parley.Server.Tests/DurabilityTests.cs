using System.Collections.Concurrent;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// "Acknowledged means durable", shown on the real server process: concurrent senders, the process is
/// killed mid-stream, restarted on the same data folder, and every acknowledged message is there, in order,
/// with no gap in seq; retries of unacknowledged sends never duplicate.
/// </summary>
[Collection("processes")]
public class DurabilityTests
{
    private sealed record Acked(string ClientMsgId, long Id, long Seq);

    private static async Task<(string Token, long Room)> Prepare(ServerProcess server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var setup = await http.PostAsJsonAsync("/api/v1/setup", new SetupRequest("admin", TestServer.AdminPassword, null));
        var token = (await setup.Content.ReadFromJsonAsync<LoginResponse>())!.Token;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var room = await (await http.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest("channel", "durable", null, null))).Content.ReadFromJsonAsync<ConversationDto>();
        return (token, room!.Id);
    }

    /// <summary>Sends from several concurrent senders until stopped; records what was acknowledged and what was attempted.</summary>
    private static async Task<(ConcurrentBag<Acked> Acked, ConcurrentBag<string> Attempted)> SendUntil(ServerProcess server, string token, long room, Func<int, bool> stopAfter, Action onThreshold)
    {
        var acked = new ConcurrentBag<Acked>();
        var attempted = new ConcurrentBag<string>();
        var fired = 0;
        var senders = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            for (var i = 0; ; i++)
            {
                var id = $"s{s}-{i}";
                attempted.Add(id);
                try
                {
                    var res = await http.PostAsJsonAsync($"/api/v1/conversations/{room}/messages", new SendMessageRequest($"message {id}", id, null, null));
                    if (!res.IsSuccessStatusCode) return;
                    var m = (await res.Content.ReadFromJsonAsync<MessageDto>())!;
                    acked.Add(new Acked(id, m.Id, m.Seq));
                    if (stopAfter(acked.Count) && Interlocked.Exchange(ref fired, 1) == 0) onThreshold();
                }
                catch (HttpRequestException) { return; }
                catch (TaskCanceledException) { return; }
            }
        })).ToArray();
        await Task.WhenAll(senders);
        return (acked, attempted);
    }

    private static async Task<List<MessageDto>> ReadAll(ServerProcess server, string token, long room)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var all = new List<MessageDto>();
        long after = 0;
        while (true)
        {
            var page = (await http.GetFromJsonAsync<ListResponse<MessageDto>>($"/api/v1/conversations/{room}/messages?afterSeq={after}&limit=200"))!.Items;
            if (page.Count == 0) return all;
            all.AddRange(page);
            after = page[^1].Seq;
        }
    }

    [Fact]
    public async Task Sigkill_MidStream_EveryAcknowledgedMessageSurvives_InOrder_WithoutGaps()
    {
        await using var server = new ServerProcess();
        await server.StartAsync();
        var (token, room) = await Prepare(server);

        var (acked, attempted) = await SendUntil(server, token, room, n => n >= 300, server.Kill);
        Assert.True(acked.Count >= 300, $"only {acked.Count} messages were acknowledged before the kill");

        await server.StartAsync();
        var stored = await ReadAll(server, token, room);
        var byClient = stored.ToDictionary(m => m.ClientMsgId!);
        foreach (var a in acked)
        {
            Assert.True(byClient.TryGetValue(a.ClientMsgId, out var m), $"acknowledged message {a.ClientMsgId} (seq {a.Seq}) was lost by the crash");
            Assert.Equal((a.Id, a.Seq), (m.Id, m.Seq));
        }
        // seq is gap-free: the channel's log is 1 (owner joined), then one seq per stored message.
        Assert.Equal(Enumerable.Range(2, stored.Count).Select(i => (long)i), stored.Select(m => m.Seq));

        // A client retries whatever it did not see acknowledged: the result is exactly one of each.
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        foreach (var id in attempted.Except(acked.Select(a => a.ClientMsgId)))
            (await http.PostAsJsonAsync($"/api/v1/conversations/{room}/messages", new SendMessageRequest($"message {id}", id, null, null))).EnsureSuccessStatusCode();
        var final = await ReadAll(server, token, room);
        Assert.Equal(attempted.Count, final.Count);
        Assert.Equal(final.Count, final.Select(m => m.ClientMsgId).Distinct().Count());
    }

    [Fact]
    public async Task Sigterm_DuringTraffic_ShutsDownCleanly_AndKeepsEveryAcknowledgedMessage()
    {
        await using var server = new ServerProcess();
        await server.StartAsync();
        var (token, room) = await Prepare(server);

        Task<int>? terminating = null;
        var (acked, _) = await SendUntil(server, token, room, n => n >= 100, () => terminating = server.TerminateAsync());
        Assert.Equal(0, await terminating!);

        await server.StartAsync();
        var stored = (await ReadAll(server, token, room)).ToDictionary(m => m.ClientMsgId!);
        Assert.All(acked, a => Assert.True(stored.ContainsKey(a.ClientMsgId), $"acknowledged {a.ClientMsgId} lost on graceful shutdown"));
    }
}
