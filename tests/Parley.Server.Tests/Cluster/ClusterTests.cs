using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Cluster;

/// <summary>
/// Cluster mode on real processes: three nodes sharing PostgreSQL and Redis. Cross-node delivery of messages, receipts,
/// typing and presence; SIGKILL of a node mid-stream; PostgreSQL and Redis restarts during traffic. The accounting
/// (sent, acknowledged, delivered, lost, duplicated) is printed to the test output.
/// </summary>
[Collection("cluster")]
[Trait("Category", "Cluster")]
public class ClusterTests(ITestOutputHelper output)
{
    private static async Task<long> RoomAsync(ServerProcess node, ClusterUser owner, IEnumerable<ClusterUser> members)
    {
        using var http = owner.Http(node);
        var res = await http.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest("group", "cluster", members.Select(m => m.Id).ToArray(), null));
        res.EnsureSuccessStatusCode();
        return (await res.Content.ReadFromJsonAsync<ConversationDto>(Json.Options))!.Id;
    }

    [Fact]
    public async Task ThreeNodes_DeliverMessagesReceiptsTypingPresence_AcrossNodes_AndRevokeEverywhere()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var (_, users) = await ClusterUser.CreateAsync(a, 3);
        var (alice, bob, carol) = (users[0], users[1], users[2]);
        var room = await RoomAsync(a, alice, [bob, carol]);

        await using var aliceHub = alice.Hub(a);
        await using var bobHub = bob.Hub(b);
        await using var carolHub = carol.Hub(c);
        var aliceEvents = new EventCollector(aliceHub);
        var bobEvents = new EventCollector(bobHub);
        var carolEvents = new EventCollector(carolHub);
        await Task.WhenAll(aliceHub.StartAsync(), bobHub.StartAsync(), carolHub.StartAsync());

        // Presence: bob (node B) sees alice (A) and carol (C) online, then carol going offline.
        // (A node registers a connection just after the client's handshake completes, so allow it a moment.)
        Task<List<PresenceDto>> Watch() => bobHub.InvokeAsync<List<PresenceDto>>(HubNames.WatchPresence, new[] { alice.Id, carol.Id });
        var watched = await Watch();
        for (var i = 0; i < 50 && watched.Any(p => p.Status != PresenceStatus.Online); i++)
        {
            await Task.Delay(100);
            watched = await Watch();
        }
        Assert.All(watched, p => Assert.Equal(PresenceStatus.Online, p.Status));

        // A message sent on A reaches B and C.
        var sent = await aliceHub.InvokeAsync<MessageDto>(HubNames.SendMessage, room, "hello from node A", "c1");
        await bobEvents.WaitAsync(e => e.Type == EventTypes.MessageCreated && e.Seq == sent.Seq, "message on node B");
        await carolEvents.WaitAsync(e => e.Type == EventTypes.MessageCreated && e.Seq == sent.Seq, "message on node C");

        // A receipt made on B reaches A; typing on C reaches A and B (not C itself).
        await bobHub.InvokeAsync(HubNames.MarkRead, room, sent.Seq);
        await aliceEvents.WaitAsync(e => e.Type == EventTypes.Receipt && e.Data.GetProperty("userId").GetInt64() == bob.Id, "bob's receipt on node A");
        await carolHub.InvokeAsync(HubNames.Typing, room);
        await aliceEvents.WaitAsync(e => e.Type == EventTypes.Typing && e.Data.GetProperty("userId").GetInt64() == carol.Id, "carol typing on node A");
        await bobEvents.WaitAsync(e => e.Type == EventTypes.Typing && e.Data.GetProperty("userId").GetInt64() == carol.Id, "carol typing on node B");
        Assert.DoesNotContain(carolEvents.All, e => e.Type == EventTypes.Typing);

        await carolHub.StopAsync();
        await bobEvents.WaitAsync(e => e.Type == EventTypes.Presence && e.Data.GetProperty("userId").GetInt64() == carol.Id
                                       && e.Data.GetProperty("status").GetString() == PresenceStatus.Offline, "carol offline on node B");

        // Logging out on A ends the token on B at once (not after the session cache's TTL).
        using (var onB = alice.Http(b)) Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/users/me")).StatusCode);
        using (var onA = alice.Http(a)) Assert.Equal(HttpStatusCode.NoContent, (await onA.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        await Task.Delay(300);
        using (var onB = alice.Http(b)) Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task Sigkill_OfOneNode_MidStream_EveryAcknowledgedMessageOnceAndInOrder_OnEverySurvivingClient()
    {
        await using var cluster = await Cluster.StartAsync(3);
        var nodes = cluster.Nodes;
        var (_, users) = await ClusterUser.CreateAsync(nodes[0], 6);
        var senders = users.Take(3).ToList();
        var receiverUsers = users.Skip(3).ToList();
        var room = await RoomAsync(nodes[0], senders[0], users.Skip(1));
        var receivers = receiverUsers.Select(u => new Receiver(u, room)).ToList();
        for (var i = 0; i < 3; i++) await receivers[i].ConnectAsync(nodes[i]);

        var victim = nodes[1];
        var live = nodes.ToList();
        var traffic = new Senders();
        var run = traffic.RunAsync(senders, () => live, room, perSender: 120, CancellationToken.None);
        while (traffic.Acked.Count < 100 && !run.IsCompleted) await Task.Delay(20);
        victim.Kill();
        live.Remove(victim);
        await receivers[1].FailOverAsync(nodes[2]);
        await run;

        await AccountAsync(await FinalMessagesAsync(senders[0], nodes[0], room), traffic, receivers, live[0], "SIGKILL of one node of three");
    }

    [Fact]
    public async Task Restarts_OfPostgresAndOfRedis_DuringTraffic_LoseNothing_DuplicateNothing_AndReadyzTellsTheTruth()
    {
        await using var cluster = await Cluster.StartAsync(2);
        var nodes = cluster.Nodes;
        var (_, users) = await ClusterUser.CreateAsync(nodes[0], 4);
        var senders = users.Take(2).ToList();
        var room = await RoomAsync(nodes[0], senders[0], users.Skip(1));
        var receivers = users.Skip(2).Select(u => new Receiver(u, room)).ToList();
        for (var i = 0; i < 2; i++) await receivers[i].ConnectAsync(nodes[i]);

        var all = new Senders();
        foreach (var (service, check) in new[] { ("POSTGRES", "database"), ("REDIS", "redis") })
        {
            var traffic = new Senders(service);
            var run = traffic.RunAsync(senders, () => nodes, room, perSender: 80, CancellationToken.None);
            while (traffic.Acked.Count < 40 && !run.IsCompleted) await Task.Delay(20);
            var restart = Cluster.RunAsync("PAUSE=3 " + Cluster.Restart(service));
            var sawNotReady = await WatchReadyzAsync(nodes[0], restart);
            await restart;
            await run;
            Assert.True(sawNotReady, $"/readyz never reported not-ready while {service} was down");
            await WaitReadyAsync(nodes);
            output.WriteLine($"{service} restart: /readyz ({check}) reported 503 during the outage and 200 after; attempts {traffic.Attempts}, retries {traffic.Retries}, acknowledged {traffic.Acked.Count}");
            all.Add(traffic);
        }
        Assert.Contains(receivers, r => r.Resyncs > 0);
        await AccountAsync(await FinalMessagesAsync(senders[0], nodes[0], room), all, receivers, nodes[0], "PostgreSQL restart, then Redis restart");
    }

    private static async Task<bool> WatchReadyzAsync(ServerProcess node, Task until)
    {
        var saw = false;
        using var http = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
        while (!until.IsCompleted)
        {
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable) saw = true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        return saw;
    }

    private static async Task WaitReadyAsync(IEnumerable<ServerProcess> nodes)
    {
        foreach (var node in nodes)
        {
            using var http = new HttpClient { BaseAddress = node.BaseAddress };
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await http.GetAsync("/readyz")).StatusCode != HttpStatusCode.OK)
            {
                if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"node {node.Port} did not become ready again");
                await Task.Delay(200);
            }
        }
    }

    private static async Task<List<MessageDto>> FinalMessagesAsync(ClusterUser user, ServerProcess node, long room)
    {
        using var http = user.Http(node);
        var all = new List<MessageDto>();
        for (long after = 0; ;)
        {
            var page = (await http.GetFromJsonAsync<ListResponse<MessageDto>>($"/api/v1/conversations/{room}/messages?afterSeq={after}&limit=200", Json.Options))!.Items;
            if (page.Count == 0) return all;
            all.AddRange(page);
            after = page[^1].Seq;
        }
    }

    private async Task AccountAsync(List<MessageDto> stored, Senders traffic, List<Receiver> receivers, ServerProcess catchUpNode, string scenario)
    {
        var storedIds = stored.Where(m => m.ClientMsgId is not null).Select(m => m.ClientMsgId!).ToList();
        var duplicatedInStore = storedIds.Count - storedIds.Distinct().Count();
        var lost = traffic.Acked.Keys.Count(id => !storedIds.Contains(id));
        foreach (var (id, m) in traffic.Acked) Assert.Contains(stored, s => s.ClientMsgId == id && s.Id == m.Id && s.Seq == m.Seq);
        Assert.Equal(0, duplicatedInStore);
        Assert.Equal(0, lost);
        Assert.Equal(stored.Select(m => m.Seq), Enumerable.Range(1, stored.Count).Select(i => stored[0].Seq + i - 1));

        foreach (var r in receivers)
        {
            var final = await r.CatchUpAsync(catchUpNode);
            var got = final.Where(x => storedIds.Contains(x.ClientMsgId)).Select(x => x.ClientMsgId).ToList();
            Assert.Equal(storedIds, got); // every stored message once, in seq order
            output.WriteLine($"{scenario}: receiver delivered live {r.LiveDeliveries}, duplicate live deliveries dropped by seq {r.DuplicateLive}, resyncs {r.Resyncs}, failovers {r.Reconnects}, final {got.Count}");
        }
        output.WriteLine($"{scenario}: attempts {traffic.Attempts}, retries {traffic.Retries}, acknowledged {traffic.Acked.Count}, stored {storedIds.Count}, lost 0, duplicated 0");
    }
}
