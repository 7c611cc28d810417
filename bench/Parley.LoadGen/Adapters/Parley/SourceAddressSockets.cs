using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace Parley.LoadGen.Adapters.Parley;

/// <summary>
/// WebSockets that leave from a chosen loopback source address (127.0.0.2, 127.0.0.3 …). One source
/// address reaches one server port through at most ~28,000 ephemeral ports (net.ipv4.ip_local_port_range);
/// spreading clients over several addresses lifts that ceiling for runs of 100,000 connections.
/// </summary>
internal static class SourceAddressSockets
{
    // IP_BIND_ADDRESS_NO_PORT (linux/in.h): bind() picks the address only; the port is chosen at connect()
    // from the whole 4-tuple, so each (source, destination) pair gets its own range of ephemeral ports.
    private const int IpBindAddressNoPort = 24;

    private static readonly ConcurrentDictionary<IPAddress, HttpMessageInvoker> Invokers = new();

    /// <summary>A SignalR WebSocket factory whose sockets are bound to <paramref name="source"/>.</summary>
    public static Func<WebSocketConnectionContext, CancellationToken, ValueTask<WebSocket>> Factory(IPAddress source, string token) =>
        async (context, ct) =>
        {
            var ws = new ClientWebSocket();
            ws.Options.SetRequestHeader("Authorization", "Bearer " + token);
            var uri = new UriBuilder(context.Uri) { Scheme = context.Uri.Scheme is "https" or "wss" ? "wss" : "ws" }.Uri;
            try
            {
                await ws.ConnectAsync(uri, Invoker(source), ct);
                return ws;
            }
            catch
            {
                ws.Dispose();
                throw;
            }
        };

    /// <summary>One shared invoker per source address (null: the system's choice) for ClientWebSocket.ConnectAsync.</summary>
    public static HttpMessageInvoker Invoker(IPAddress? source) => Invokers.GetOrAdd(source ?? IPAddress.None, Create);

    private static HttpMessageInvoker Create(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            bool bind = !source.Equals(IPAddress.None);
            var socket = new Socket(bind ? source.AddressFamily : AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (bind && OperatingSystem.IsLinux()) socket.SetRawSocketOption((int)SocketOptionLevel.IP, IpBindAddressNoPort, BitConverter.GetBytes(1));
                if (bind) socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
