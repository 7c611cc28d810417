using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// Issue 13, item 14: presence used to answer "offline" for any id, including ids that are no user, and the hub
/// subscribed the connection to their groups. Only users that exist are answered and watched; other ids are absent.
/// </summary>
public sealed class PresenceUnknownUsersTests : IAsyncLifetime
{
    private const long NoSuchUser = 987_654_321;
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RestPresence_UnknownIds_AreAbsent()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var list = await alice.Http.GetFromJsonAsync<ListResponse<PresenceDto>>($"/api/v1/presence?userIds={NoSuchUser},{bob.Id},0,{alice.Id}");
        Assert.Equal([bob.Id, alice.Id], list!.Items.Select(p => p.UserId).ToArray());
    }

    [Fact]
    public async Task WatchPresence_UnknownIds_AreAbsent()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        await using var hub = _server.Hub(alice.Token);
        await hub.StartAsync();
        var watched = await hub.InvokeAsync<List<PresenceDto>>(HubNames.WatchPresence, new[] { NoSuchUser, bob.Id, NoSuchUser + 1 });
        Assert.Equal(bob.Id, Assert.Single(watched).UserId);
        Assert.Empty(await hub.InvokeAsync<List<PresenceDto>>(HubNames.WatchPresence, new[] { NoSuchUser }));
    }
}
