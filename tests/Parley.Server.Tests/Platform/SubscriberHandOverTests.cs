using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Cluster;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Platform;

/// <summary>
/// Cluster mode: the same durable subscriber on two nodes (tests/Parley.TestHost on PostgreSQL + Redis) runs on one of
/// them at a time. Messages are written through both nodes; the node holding the lease is SIGKILLed mid-stream; the
/// other takes the lease over when it runs out and delivers from the shared cursor. No committed event is skipped.
/// </summary>
[Collection("cluster")]
[Trait("Category", "Cluster")]
public class SubscriberHandOverTests
{
    [Fact]
    public async Task OwnerKilled_OtherNodeTakesOver_NoEventSkipped()
    {
        var logs = Enumerable.Range(0, 2).Select(i => Path.Combine(Path.GetTempPath(), "parley-tests", $"handover-{Guid.NewGuid():N}-{i}.log")).ToArray();
        await using var cluster = await Cluster.Cluster.StartAsync(2, "Parley.TestHost", i => new Dictionary<string, string>
        {
            ["PARLEY_TESTHOST_LOG"] = logs[i],
            ["PARLEY_TESTHOST_DELAY_MS"] = "20",
            ["Parley__Subscribers__LeaseDuration"] = "00:00:03",
            ["Parley__Subscribers__PollInterval"] = "00:00:00.2",
        });
        var (admin, _) = await ClusterUser.CreateAsync(cluster.Nodes[0], 0);
        using var h0 = admin.Http(cluster.Nodes[0]);
        using var h1 = admin.Http(cluster.Nodes[1]);
        var room = (await (await h0.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest("channel", "handover", null, null))).Content.ReadFromJsonAsync<ConversationDto>())!.Id;

        // Both nodes write concurrently (their transactions interleave, so global ids are not commit-ordered).
        await Task.WhenAll(new[] { h0, h1 }.Select(async (h, n) =>
        {
            for (var i = 0; i < 60; i++) (await h.PostAsJsonAsync($"/api/v1/conversations/{room}/messages", new SendMessageRequest($"n{n} {i}", null, null, null))).EnsureSuccessStatusCode();
        }));

        var owner = await WaitForOwnerAsync(h0);
        var ownerIndex = cluster.Nodes.FindIndex(n => owner.Contains($"-{n.Pid}-", StringComparison.Ordinal));
        Assert.True(ownerIndex >= 0, $"owner {owner} is none of the nodes");
        var survivor = cluster.Nodes[1 - ownerIndex];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (SubscriberLogFile.Read(logs).Count < 30 && DateTime.UtcNow < deadline) await Task.Delay(20);
        cluster.Nodes[ownerIndex].Kill();

        using var hs = admin.Http(survivor);
        for (var i = 0; i < 20; i++) (await hs.PostAsJsonAsync($"/api/v1/conversations/{room}/messages", new SendMessageRequest("after " + i, null, null, null))).EnsureSuccessStatusCode();

        var logged = await SubscriberLogFile.LoggedAsync(survivor.BaseAddress, admin.Token, [room]);
        var seen = await SubscriberLogFile.WaitForAllAsync(() => SubscriberLogFile.Read(logs), logged, TimeSpan.FromSeconds(60));
        Assert.Contains(seen, d => d.Pid == survivor.Pid);
        Assert.Equal(logged.Count, seen.Select(d => d.Seq).Distinct().Count());
        var status = (await hs.GetFromJsonAsync<ListResponse<SubscriberStatusDto>>("/api/v1/admin/subscribers"))!.Items.Single(s => s.Name == "testhost-file");
        Assert.Contains($"-{survivor.Pid}-", status.Owner, StringComparison.Ordinal);
        foreach (var log in logs) { try { File.Delete(log); } catch (IOException) { } }
    }

    private static async Task<string> WaitForOwnerAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var status = (await http.GetFromJsonAsync<ListResponse<SubscriberStatusDto>>("/api/v1/admin/subscribers"))!.Items.SingleOrDefault(s => s.Name == "testhost-file");
            if (status?.Owner is { } owner) return owner;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("no node took the subscriber's lease");
    }
}
