using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;

namespace Parley.LoadGen.Adapters.Parley;

internal sealed class ParleyClient(UserAccount user, HubConnection hub) : IChatClient
{
    public UserAccount User => user;

    // Membership lives on the server (issue 2): the hub adds the connection to its
    // conversations' groups on connect, so there is nothing to join.
    public Task JoinAsync(Room room, CancellationToken ct) => Task.CompletedTask;

    public Task SendAsync(Room room, string body, CancellationToken ct) =>
        hub.InvokeAsync<MessageDto>(HubNames.SendMessage, room.ConversationId, body, Guid.NewGuid().ToString("N"), ct);

    public void Abort()
    {
        // HubConnection has no abort; stopping without awaiting the close handshake is the
        // closest a client can get, and the server sees the socket go away.
        _ = hub.DisposeAsync().AsTask();
    }

    public ValueTask DisposeAsync() => hub.DisposeAsync();
}
