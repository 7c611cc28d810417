using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.LoadGen.Adapters.StockHub;

/// <summary>
/// The stock SignalR hub of bench/peers/StockHub (issue 21: our stack's ceiling): no users, no persistence; a room is a
/// SignalR group the connection joins. Connected like Parley's hub (WebSockets, no negotiate), in either protocol.
/// </summary>
public sealed class StockHubTarget(Uri baseUri, string runPrefix, bool messagePack) : IChatTarget
{
    public string Name => "stockhub";

    public IHistoryProbe? History => null;

    public Task<IReadOnlyList<UserAccount>> CreateUsersAsync(int count, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<UserAccount>>(Enumerable.Range(0, count).Select(i => new UserAccount(i, $"{runPrefix}u{i}", "")).ToArray());

    // The group name carries the room size, as the XMPP rooms' names do: the sets of rooms of 100 and of 1,000 both count
    // from r0, and one group for both would deliver a room of 100's messages to 1,000 connections.
    public Task<IReadOnlyList<Room>> CreateRoomsAsync(IReadOnlyList<int[]> members, IReadOnlyList<UserAccount> users, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Room>>(members.Select((m, i) => new Room($"{runPrefix}r{i}k{m.Length}", i, m)).ToArray());

    public async Task<IChatClient> ConnectAsync(UserAccount user, IDeliverySink sink, CancellationToken ct)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hub"), o =>
        {
            o.SkipNegotiation = true;
            o.Transports = HttpTransportType.WebSockets;
        });
        if (messagePack) builder.AddMessagePackProtocol();
        var hub = builder.Build();
        hub.On<string>("m", sink.OnMessage);
        try
        {
            await hub.StartAsync(ct);
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
        return new StockHubClient(user, hub);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class StockHubClient(UserAccount user, HubConnection hub) : IChatClient
    {
        public UserAccount User => user;

        public Task JoinAsync(Room room, CancellationToken ct) => hub.InvokeAsync("Join", room.Key, ct);

        // Invoked, not sent: completes when the hub has handed the message to the group, as Parley's send completes on its acknowledgement.
        public Task SendAsync(Room room, string body, CancellationToken ct) => hub.InvokeAsync("Send", room.Key, body, ct);

        public void Abort() => _ = hub.DisposeAsync().AsTask();

        public ValueTask DisposeAsync() => hub.DisposeAsync();
    }
}
