using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>Parley:Realtime heartbeats: applied to the hub and announced to every connection in its first event.</summary>
public class HeartbeatTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FirstEvent_IsHello_WithTheDefaultHeartbeat(bool messagePack)
    {
        await using var server = await TestServer.StartAsync();
        var hello = await FirstEventAsync(server, messagePack);
        Assert.Equal(15, Seconds(hello, "keepAliveSeconds"));
        Assert.Equal(30, Seconds(hello, "clientTimeoutSeconds"));
    }

    [Fact]
    public async Task ConfiguredHeartbeat_IsAnnounced()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Realtime:KeepAliveInterval"] = "00:01:00",
            ["Parley:Realtime:ClientTimeout"] = "00:03:00",
        });
        var hello = await FirstEventAsync(server, messagePack: false);
        Assert.Equal(60, Seconds(hello, "keepAliveSeconds"));
        Assert.Equal(180, Seconds(hello, "clientTimeoutSeconds"));
    }

    /// <summary>JSON carries camelCase names; MessagePack carries the server's member names (PascalCase).</summary>
    private static int Seconds(ReceivedEvent e, string camelName) =>
        (e.Data.TryGetProperty(camelName, out var v) ? v : e.Data.GetProperty(char.ToUpperInvariant(camelName[0]) + camelName[1..])).GetInt32();

    private static async Task<ReceivedEvent> FirstEventAsync(TestServer server, bool messagePack)
    {
        var alice = await server.UserAsync();
        await using var hub = server.Hub(alice.Token, messagePack);
        var events = new EventCollector(hub, messagePack);
        await hub.StartAsync();
        var hello = await events.WaitAsync(e => e.Type == EventTypes.Hello, "hello");
        Assert.Same(hello, events.All[0]);
        Assert.Equal(0, hello.ConversationId);
        Assert.Null(hello.Seq);
        // The same settings on request (clients call it to re-arm their server timeout).
        var reply = await hub.InvokeAsync<HelloEventData>(HubNames.Hello);
        Assert.Equal(Seconds(hello, "keepAliveSeconds"), reply.KeepAliveSeconds);
        Assert.Equal(Seconds(hello, "clientTimeoutSeconds"), reply.ClientTimeoutSeconds);
        return hello;
    }
}
