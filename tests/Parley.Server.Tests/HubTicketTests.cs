using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// Issue 13: the hub's token travels in the URL (?access_token=), where proxies log it. A hub ticket takes its place:
/// it opens the hub, is refused everywhere else, expires within a minute, cannot be forged, and dies with its session.
/// </summary>
public class HubTicketTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HubConnection HubWith(string accessToken) =>
        new HubConnectionBuilder().WithUrl(new Uri(_server.BaseAddress, HubNames.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken)).Build();

    [Fact]
    public async Task Ticket_OpensTheHub_ButIsNoBearerToken()
    {
        var ann = await _server.UserAsync();
        var ticket = await ann.Ok<HubTicketDto>(ann.Http.PostAsync("/api/v1/auth/hub-ticket", null));
        Assert.StartsWith(HubTickets.Prefix, ticket.Ticket, StringComparison.Ordinal);
        Assert.InRange(ticket.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(61));
        await using var hub = HubWith(ticket.Ticket);
        await hub.StartAsync();
        var g = await ann.CreateAsync(ConversationKinds.Group, "ticketed");
        var sent = await hub.InvokeAsync<MessageDto>(HubNames.SendMessage, g.Id, "via a ticket", null);
        Assert.Equal(ann.Id, sent.SenderId);

        using var rest = _server.Client(ticket.Ticket);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rest.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task ForgedExpiredAndRevokedTickets_AreRefused()
    {
        var ben = await _server.UserAsync();
        var ticket = (await ben.Ok<HubTicketDto>(ben.Http.PostAsync("/api/v1/auth/hub-ticket", null))).Ticket;
        var tickets = _server.Services.GetRequiredService<HubTickets>();
        Assert.NotNull(tickets.Verify(ticket, DateTimeOffset.UtcNow));
        Assert.Null(tickets.Verify(ticket, DateTimeOffset.UtcNow.AddSeconds(61)));
        var forged = ticket[..^2] + (ticket[^2] == 'A' ? "B" : "A") + ticket[^1];
        Assert.Null(tickets.Verify(forged, DateTimeOffset.UtcNow));
        await using (var hub = HubWith(forged))
            await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());

        (await ben.Http.PostAsync("/api/v1/auth/logout", null)).EnsureSuccessStatusCode();
        await using var after = HubWith(ticket);
        await Assert.ThrowsAnyAsync<Exception>(() => after.StartAsync());
    }
}
