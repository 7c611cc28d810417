using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;

namespace Parley.LoadGen.Adapters.Parley;

/// <summary>One authenticated hub connection, as the web client opens it: WebSockets only, no negotiate round trip.</summary>
internal static class ParleyHub
{
    /// <summary>Connects and starts; <paramref name="onMessageText"/> gets the text of every message.created (null when it has none).</summary>
    public static async Task<HubConnection> ConnectAsync(Uri baseUri, string token, bool messagePack, IPAddress? source,
        Action<string?> onMessageText, CancellationToken ct)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, HubNames.Path), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                // The same one TCP connection per client that an XMPP client holds.
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                if (source is not null) o.WebSocketFactory = SourceAddressSockets.Factory(source, token);
            });
        if (messagePack) builder.AddMessagePackProtocol();
        var hub = builder.Build();
        hub.On<EventDto>(HubNames.Event, e =>
        {
            if (e.Type == EventTypes.MessageCreated) onMessageText(EventText.TryGetText(e.Data));
            else if (e.Type == EventTypes.Hello) FollowHeartbeat(hub, e.Data);
        });
        try
        {
            await hub.StartAsync(ct);
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
        return hub;
    }

    /// <summary>As the web client does: ping at half the server's client timeout, wait two of its keep-alive intervals.</summary>
    private static void FollowHeartbeat(HubConnection hub, object? data)
    {
        var keepAlive = EventText.TryGetNumber(data, "keepAliveSeconds").GetValueOrDefault();
        var clientTimeout = EventText.TryGetNumber(data, "clientTimeoutSeconds").GetValueOrDefault();
        if (keepAlive <= 0 || clientTimeout <= 0) return;
        hub.KeepAliveInterval = TimeSpan.FromSeconds(clientTimeout / 2.0);
        hub.ServerTimeout = TimeSpan.FromSeconds(keepAlive * 2);
        // The timeout timer was re-armed with the old value when hello arrived; the reply re-arms it with the new one.
        // Not awaited: this runs on the connection's receive loop, which has to read that reply.
        _ = hub.InvokeAsync<HelloEventData>(HubNames.Hello);
    }
}
