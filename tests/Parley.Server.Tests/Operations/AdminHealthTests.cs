using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Operations;

public class AdminHealthTests
{
    [Fact]
    public async Task AdminHealth_ForSystemManage_ReportsNodeDatabaseWriterStorageAndSubscribers()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.AdminAsync();
        var bob = await server.UserAsync();
        var dm = await admin.CreateAsync(ConversationKinds.Direct, null, bob.Id);
        await admin.SendAsync(dm.Id, "health check");
        await using var hub = server.Hub(bob.Token);
        await hub.StartAsync();

        // The client's StartAsync returns at the handshake; the server registers the connection just after it.
        AdminHealthDto health;
        for (var attempt = 0; ; attempt++)
        {
            health = (await admin.Http.GetFromJsonAsync<AdminHealthDto>("/api/v1/admin/health", Json.Options))!;
            if (health.Nodes.Sum(n => n.Connections) > 0 || attempt == 200) break;
            await Task.Delay(50);
        }
        var node = Assert.Single(health.Nodes);
        Assert.Equal(health.ThisNode, node.Node);
        Assert.Equal(1, node.Connections);
        Assert.InRange(node.UptimeSeconds, 0, 3600);
        Assert.True(health.Database.Healthy, health.Database.Error);
        Assert.Equal(Migrations.Latest, health.Database.SchemaVersion);
        Assert.Equal(Migrations.Latest, health.Database.BinarySchemaVersion);
        Assert.Equal(TestDatabase.IsPostgres ? "Postgres" : "Sqlite", health.Database.Provider);
        Assert.False(health.Redis.Configured);
        Assert.Equal("Local", health.Storage.FilesProvider);
        Assert.True(health.Storage.DataFolderFreeBytes > 0);
        Assert.True(health.Writer.Commits > 0 && health.Writer.MeanBatchSize >= 1 && health.Writer.MeanCommitMs > 0);
        Assert.Equal(0, health.Writer.CommitFailures);
        Assert.NotNull(health.Subscribers);
        Assert.Empty(health.RecentErrors);
    }

    [Fact]
    public async Task AdminHealth_WithoutSystemManage_IsForbidden()
    {
        await using var server = await TestServer.StartAsync();
        var bob = await server.UserAsync();
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), await bob.StatusAsync(bob.Http.GetAsync("/api/v1/admin/health")));
        using var anon = server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/v1/admin/health")).StatusCode);
    }
}
