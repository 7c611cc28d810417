using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>
/// Issue 13, item 5: 20 parallel resumable uploads of 0.9 MB under a 1 MB quota were all accepted and staged (15× the
/// quota, until the janitor's 24 h), because the quota was checked outside the writer and the upload row inserted
/// without a second check. On PostgreSQL the uploads go to two nodes sharing one database, each with its own writer.
/// </summary>
public class QuotaRaceTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["Parley:Files:MaxFileSize"] = "2000000",
        ["Parley:Files:UserQuota"] = "1000000",
        ["Parley:Files:GlobalQuota"] = "1500000",
    };

    private readonly List<TestServer> _nodes = [];

    public async Task InitializeAsync()
    {
        var first = await TestServer.StartAsync(Limits);
        _nodes.Add(first);
        if (first.Database.ConnectionString is { } shared)
            _nodes.Add(await TestServer.StartAsync(new Dictionary<string, string?>(Limits) { ["ConnectionStrings:Parley"] = shared }));
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Enumerable.Reverse(_nodes)) await node.DisposeAsync();
    }

    /// <summary>The same user on every node (sessions are in the database, so one token works on each).</summary>
    private List<HttpClient> Clients(Session user) => _nodes.Select(n => n.Client(user.Token)).ToList();

    private static async Task<(HttpStatusCode Status, string Body)> CreateUpload(HttpClient client, long size)
    {
        using var res = await client.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("part.bin", size, null));
        return (res.StatusCode, await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreateUpload_ParallelUnderOneUserQuota_ReservesAtMostTheQuota()
    {
        var alice = await _nodes[0].UserAsync();
        var clients = Clients(alice);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => CreateUpload(clients[i % clients.Count], 900_000)));

        var accepted = results.Count(r => r.Status == HttpStatusCode.Created);
        Assert.True(accepted == 1, $"{accepted} uploads of 900,000 bytes were reserved under a 1,000,000-byte quota (want exactly 1)");
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
            Assert.True(r.Status == HttpStatusCode.RequestEntityTooLarge && r.Body.Contains("\"quota_exceeded\"", StringComparison.Ordinal), $"{(int)r.Status}: {r.Body}"));
        Assert.Equal(1, FileClient.CountRows(_nodes[0], "uploads"));
        Assert.Single(_nodes.SelectMany(n => Directory.GetFiles(Path.Combine(n.DataDirectory, "uploads"))));
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task CreateUpload_ParallelUsersUnderTheGlobalQuota_ReserveAtMostTheGlobalQuota()
    {
        var users = new List<Session>();
        for (var i = 0; i < 10; i++) users.Add(await _nodes[0].UserAsync());
        var clients = users.SelectMany(Clients).ToList();
        var results = await Task.WhenAll(clients.Select(c => CreateUpload(c, 600_000)));

        // Each user is within their own quota; only two 600,000-byte reservations fit under the global 1,500,000.
        var accepted = results.Count(r => r.Status == HttpStatusCode.Created);
        Assert.True(accepted == 2, $"{accepted} uploads of 600,000 bytes were reserved under a 1,500,000-byte global quota (want exactly 2)");
        Assert.Equal(2, FileClient.CountRows(_nodes[0], "uploads"));
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task Store_ParallelSingleRequestUploads_StoreAtMostTheQuota()
    {
        var alice = await _nodes[0].UserAsync();
        var clients = Clients(alice);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var res = await clients[i % clients.Count].PostAsync("/api/v1/files", FileClient.Multipart(new byte[400_000], $"f{i}.bin"));
            return res.StatusCode;
        }));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(2, FileClient.CountRows(_nodes[0], "files"));
        foreach (var c in clients) c.Dispose();
    }
}
