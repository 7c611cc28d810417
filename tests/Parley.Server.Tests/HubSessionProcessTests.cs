using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Cluster;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// Issue 13: the CLI's `user deactivate` and `user passwd` against a running server take effect at once (they write
/// only to the database; every node reads the system stream and closes the sessions' connections), and in cluster
/// mode a logout on one node closes the session's connection on another.
/// </summary>
[Collection("processes")]
public class HubSessionProcessTests
{
    internal static async Task<TaskCompletionSource> OpenAsync(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartRegisteredAsync();
        return closed;
    }

    internal static async Task AssertClosesAsync(TaskCompletionSource closed, string what) =>
        Assert.True(await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(8))) == closed.Task, $"the hub connection stayed open after {what}");

    [Fact]
    public async Task Cli_PasswdAgainstARunningServer_ClosesTheUsersConnectionsAtOnce()
    {
        await using var server = new ServerProcess();
        await server.StartAsync("--Parley:Subscribers:PollInterval=00:00:00.2");
        var (_, users) = await ClusterUser.CreateAsync(server, 1);
        await using var hub = users[0].Hub(server);
        var closed = await OpenAsync(hub);
        var (exit, _, err) = await ParleyCommand.RunWithInputAsync(server.Database, "Vw4-reset-by-cli-p9\n", "user", "passwd", "--username", "user0", "--password-stdin", "--data", server.DataDirectory);
        Assert.True(exit == 0, err);
        await AssertClosesAsync(closed, "`parley user passwd`");
        using var http = users[0].Http(server);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/users/me")).StatusCode);
    }
}

[Collection("cluster")]
[Trait("Category", "Cluster")]
public class HubSessionClusterTests
{
    [Fact]
    public async Task Cluster_LogoutOnOneNode_AndTheCli_CloseConnectionsOnEveryNode()
    {
        await using var cluster = await Cluster.Cluster.StartAsync(2);
        var (_, users) = await ClusterUser.CreateAsync(cluster.Nodes[0], 2);
        await using var hub = users[0].Hub(cluster.Nodes[1]);
        var closed = await HubSessionProcessTests.OpenAsync(hub);
        using (var h0 = users[0].Http(cluster.Nodes[0])) (await h0.PostAsync("/api/v1/auth/logout", null)).EnsureSuccessStatusCode();
        await HubSessionProcessTests.AssertClosesAsync(closed, "logout on the other node");

        await using var hub0 = users[1].Hub(cluster.Nodes[0]);
        await using var hub1 = users[1].Hub(cluster.Nodes[1]);
        var closed0 = await HubSessionProcessTests.OpenAsync(hub0);
        var closed1 = await HubSessionProcessTests.OpenAsync(hub1);
        var (exit, _, err) = await ParleyCommand.RunAsync(cluster.Database, "user", "deactivate", "--username", "user1");
        Assert.True(exit == 0, err);
        await HubSessionProcessTests.AssertClosesAsync(closed0, "`parley user deactivate` (node 0)");
        await HubSessionProcessTests.AssertClosesAsync(closed1, "`parley user deactivate` (node 1)");
    }
}
