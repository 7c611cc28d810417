using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;

namespace Parley.Server.Tests.Infrastructure;

public static class HubReady
{
    /// <summary>
    /// Starts the connection and waits until the server has registered it. StartAsync returns after the handshake,
    /// before the server's OnConnectedAsync has joined the connection's groups and registered it for user-addressed
    /// events and presence; an event published in between reaches nobody (this flaked under load). The Hello call is
    /// answered only after OnConnectedAsync, so everything published after this returns reaches the connection.
    /// </summary>
    public static async Task<HelloEventData> StartRegisteredAsync(this HubConnection hub)
    {
        await hub.StartAsync();
        return await hub.InvokeAsync<HelloEventData>(HubNames.Hello);
    }
}
