using Microsoft.AspNetCore.SignalR;

// A stock SignalR hub: join a group, send to a group. Both hub protocols (JSON and MessagePack), WebSockets as the
// load generator connects. See Parley.StockHub.csproj for why it exists.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR().AddMessagePackProtocol();
var app = builder.Build();
app.UseWebSockets();
app.MapHub<RoomsHub>("/hub");
app.MapGet("/readyz", () => "ok");
app.Run();

/// <summary>Rooms as SignalR groups; a message goes to every connection in the group, the sender's included (as in Parley).</summary>
internal sealed class RoomsHub : Hub
{
    public Task Join(string room) => Groups.AddToGroupAsync(Context.ConnectionId, room);

    public Task Send(string room, string body) => Clients.Group(room).SendAsync("m", body);
}
