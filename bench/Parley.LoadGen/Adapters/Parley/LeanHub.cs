using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using MessagePack;
using Parley.Contracts;

namespace Parley.LoadGen.Adapters.Parley;

/// <summary>
/// The lean client of `connections --client lean`: many hub connections as bare WebSockets speaking SignalR's
/// MessagePack hub protocol, without the .NET SignalR client. That client keeps timers per connection (a tick every
/// second, a keep-alive ping, a server timeout) and cost 35.7 µs of CPU per idle connection per second here, more than
/// the server it loads. Here one loop for all connections sends the pings (`[6]`, at half the client timeout the
/// server's hello announces) and drops a connection it has heard nothing from for two of the server's keep-alive
/// intervals; each connection has only its receive loop, which waits with a zero-byte read and borrows a pooled
/// buffer only while a message is there.
/// </summary>
internal sealed class LeanFleet : IAsyncDisposable
{
    private readonly List<LeanConnection> _connections = [];
    private readonly List<LeanConnection> _due = [];
    private readonly Action<ReadOnlySpan<byte>> _onMessageText;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _closed, _silent, _closedByServer, _failed;
    private int _pingSeconds = 15;
    private long _serverTimeoutMs = 30_000;

    /// <param name="onMessageText">Called on the receive loop with the UTF-8 text of every message.created.</param>
    public LeanFleet(Action<ReadOnlySpan<byte>> onMessageText)
    {
        _onMessageText = onMessageText;
        _loop = Task.Run(HeartbeatLoopAsync);
    }

    /// <summary>Connections closed by the server, by an error or by the server timeout (not by <see cref="DisposeAsync"/>).</summary>
    public long Closed => Interlocked.Read(ref _closed);

    public int Count { get { lock (_connections) return _connections.Count; } }

    /// <summary>Opens one authenticated connection and completes the hub handshake.</summary>
    public async Task ConnectAsync(Uri baseUri, string token, IPAddress? source, CancellationToken ct)
    {
        var c = new LeanConnection(this);
        await c.OpenAsync(new UriBuilder(new Uri(baseUri, HubNames.Path)) { Scheme = baseUri.Scheme == "https" ? "wss" : "ws" }.Uri,
            token, source, ct);
        lock (_connections) _connections.Add(c);
    }

    internal void OnMessageText(ReadOnlySpan<byte> utf8) => _onMessageText(utf8);

    /// <summary>Why held connections ended: the server fell silent (our timeout), the server closed it, or the socket failed.</summary>
    internal enum CloseReason { ServerSilent, ClosedByServer, SocketError }

    internal void OnClosed(CloseReason reason)
    {
        Interlocked.Increment(ref _closed);
        if (reason == CloseReason.ServerSilent) Interlocked.Increment(ref _silent);
        else if (reason == CloseReason.ClosedByServer) Interlocked.Increment(ref _closedByServer);
        else Interlocked.Increment(ref _failed);
    }

    /// <summary>The hello event: ping at half the client timeout, give up after two keep-alive intervals (as the web client).</summary>
    internal void OnHello(long keepAliveSeconds, long clientTimeoutSeconds)
    {
        if (keepAliveSeconds <= 0 || clientTimeoutSeconds <= 0) return;
        Volatile.Write(ref _pingSeconds, (int)Math.Max(1, clientTimeoutSeconds / 2));
        Volatile.Write(ref _serverTimeoutMs, keepAliveSeconds * 2_000);
    }

    /// <summary>
    /// Once a second, the connections whose turn it is (index modulo the ping period) get a ping and a server-timeout
    /// check, so a ping period's worth of connections is spread evenly over its seconds.
    /// </summary>
    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long tick = 0, last = Environment.TickCount64, longestGap = 0, reported = 0;
        var sends = new List<Task>();
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                tick++;
                longestGap = Math.Max(longestGap, Environment.TickCount64 - last);
                last = Environment.TickCount64;
                if (tick % 10 == 0 && Closed != reported)
                {
                    // To the coordinator's log: what is ending connections, and whether this loop itself was starved.
                    reported = Closed;
                    await Console.Error.WriteLineAsync($"lean: {Count} held; closed {reported} ({Interlocked.Read(ref _silent)} server silent " +
                        $"for {Volatile.Read(ref _serverTimeoutMs) / 1000} s, {Interlocked.Read(ref _closedByServer)} closed by the server, " +
                        $"{Interlocked.Read(ref _failed)} socket errors); longest gap between heartbeat rounds {longestGap / 1000.0:F1} s");
                }
                int period = Volatile.Read(ref _pingSeconds);
                long now = Environment.TickCount64, timeout = Volatile.Read(ref _serverTimeoutMs);
                _due.Clear();
                lock (_connections)
                    for (int i = (int)(tick % period); i < _connections.Count; i += period) _due.Add(_connections[i]);
                sends.Clear();
                foreach (var c in _due)
                {
                    if (now - c.LastReceived > timeout) c.AbortSilent();
                    else if (c.Ping() is { IsCompleted: false } pending) sends.Add(pending);
                }
                if (sends.Count > 0) await Task.WhenAll(sends);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops the pings, then closes every connection (close handshake, five seconds at most each).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        LeanConnection[] all;
        lock (_connections) all = [.. _connections];
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (c, _) => await c.DisposeAsync());
        _stop.Dispose();
    }
}

/// <summary>One hub connection of a <see cref="LeanFleet"/>: a WebSocket and its receive loop.</summary>
internal sealed class LeanConnection(LeanFleet fleet) : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"messagepack\",\"version\":1}\u001e");
    // A ping message: varint length 2, then the MessagePack array [6].
    private static readonly ReadOnlyMemory<byte> PingFrame = new byte[] { 0x02, 0x91, 0x06 };

    private readonly ClientWebSocket _ws = new();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;
    private bool _handshaken;
    private volatile bool _closing, _silent, _closedByServer;
    private int _sending;

    /// <summary>Environment.TickCount64 when the server last sent anything.</summary>
    public long LastReceived { get; private set; } = Environment.TickCount64;

    public async Task OpenAsync(Uri hub, string token, IPAddress? source, CancellationToken ct)
    {
        _ws.Options.SetRequestHeader("Authorization", "Bearer " + token);
        // WebSocket-level pings would be a timer per connection again; the hub protocol's pings keep both ends alive.
        _ws.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            await _ws.ConnectAsync(hub, SourceAddressSockets.Invoker(source), ct);
            await _ws.SendAsync(Handshake, WebSocketMessageType.Text, endOfMessage: true, ct);
            _receiving = ReceiveLoopAsync();
            await _handshake.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        catch
        {
            _closing = true;
            _ws.Abort();
            _ws.Dispose();
            throw;
        }
    }

    /// <summary>Sends a ping unless the previous send is still under way (a full socket buffer: the server is not reading).</summary>
    public Task Ping()
    {
        if (_closing || Interlocked.Exchange(ref _sending, 1) == 1) return Task.CompletedTask;
        try
        {
            var send = _ws.SendAsync(PingFrame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).AsTask();
            if (send.IsCompletedSuccessfully)
            {
                Volatile.Write(ref _sending, 0);
                return send;
            }
            return AwaitSend(send);
        }
        catch (Exception)
        {
            Abort();
            Volatile.Write(ref _sending, 0);
            return Task.CompletedTask;
        }
    }

    private async Task AwaitSend(Task send)
    {
        try { await send; }
        catch (Exception) { Abort(); }
        finally { Volatile.Write(ref _sending, 0); }
    }

    /// <summary>Ends the connection at once; the receive loop counts it as closed unless we were closing it ourselves.</summary>
    public void Abort() => _ws.Abort();

    /// <summary>Ends a connection the server has been silent on for too long.</summary>
    public void AbortSilent()
    {
        _silent = true;
        _ws.Abort();
    }

    /// <summary>Closes with the close handshake (five seconds at most), then releases the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (_ws.State == WebSocketState.Open) await _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, limit.Token);
            await _receiving.WaitAsync(limit.Token);
        }
        catch (Exception)
        {
            // Tearing down: the server notices either way.
        }
        _ws.Abort();
        _ws.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        byte[]? pending = null; // bytes of a hub message split over WebSocket messages (rare)
        try
        {
            while (true)
            {
                // A zero-byte read waits for the next frame without holding a buffer while the connection is idle.
                var head = await _ws.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (head.MessageType == WebSocketMessageType.Close)
                {
                    _closedByServer = true;
                    break;
                }
                LastReceived = Environment.TickCount64;
                if (head.EndOfMessage) continue;
                byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(4096, (pending?.Length ?? 0) * 2));
                int length = 0;
                try
                {
                    if (pending is not null)
                    {
                        pending.CopyTo(buffer, 0);
                        length = pending.Length;
                        pending = null;
                    }
                    while (true)
                    {
                        if (length == buffer.Length) buffer = Grow(buffer);
                        var r = await _ws.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                        if (r.MessageType == WebSocketMessageType.Close)
                        {
                            _closedByServer = true;
                            return;
                        }
                        length += r.Count;
                        if (r.EndOfMessage) break;
                    }
                    int used = Parse(buffer.AsMemory(0, length));
                    if (used < 0) // a close message, or a refused handshake
                    {
                        _closedByServer = true;
                        return;
                    }
                    if (used < length) pending = buffer.AsSpan(used, length - used).ToArray();
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            _handshake.TrySetException(new WebSocketException("the hub closed the connection during the handshake"));
            if (!_closing && _handshaken)
                fleet.OnClosed(_silent ? LeanFleet.CloseReason.ServerSilent
                    : _closedByServer ? LeanFleet.CloseReason.ClosedByServer : LeanFleet.CloseReason.SocketError);
        }
    }

    private static byte[] Grow(byte[] buffer)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    /// <summary>Handles every whole message in <paramref name="data"/>; returns the bytes used, or -1 to end the connection.</summary>
    private int Parse(ReadOnlyMemory<byte> message)
    {
        var data = message.Span;
        int used = 0;
        if (!_handshaken)
        {
            int end = data.IndexOf(RecordSeparator);
            if (end < 0) return 0;
            // The handshake response is "{}" or {"error":"…"}.
            if (data[..end].IndexOf("error"u8) >= 0)
            {
                _handshake.TrySetException(new WebSocketException("hub handshake refused: " + Encoding.UTF8.GetString(data[..end])));
                return -1;
            }
            _handshaken = true;
            _handshake.TrySetResult();
            used = end + 1;
        }
        while (used < data.Length)
        {
            // Each message: its length as a varint (7 bits a byte, low first), then one MessagePack array.
            int length = 0, shift = 0, i = used;
            while (true)
            {
                if (i == data.Length) return used;
                byte b = data[i++];
                length |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) break;
                shift += 7;
                if (shift > 28) throw new InvalidDataException("hub message length prefix too long");
            }
            if (data.Length - i < length) return used;
            if (!Handle(message.Slice(i, length))) return -1;
            used = i + length;
        }
        return used;
    }

    /// <summary>One hub message; false for a close message.</summary>
    private bool Handle(ReadOnlyMemory<byte> message)
    {
        var reader = new MessagePackReader(message);
        int fields = reader.ReadArrayHeader();
        if (fields < 1) return true;
        switch (reader.ReadInt32())
        {
            case 1 when fields >= 5: // Invocation: [1, headers, invocationId, target, arguments, (streamIds)]
                reader.Skip();
                reader.Skip();
                if (reader.ReadString() == HubNames.Event && reader.ReadArrayHeader() >= 1) HandleEvent(ref reader);
                return true;
            case 7: // Close: [7, error, (allowReconnect)]
                return false;
            default: // 6 ping, 3 completion and the rest: hearing from the server is all that counts
                return true;
        }
    }

    /// <summary>The <see cref="EventDto"/> envelope, a map by member name: hello and message.created are read.</summary>
    private void HandleEvent(ref MessagePackReader reader)
    {
        string? type = null;
        MessagePackReader data = default;
        bool hasData = false;
        int entries = reader.ReadMapHeader();
        for (int e = 0; e < entries; e++)
        {
            var key = reader.ReadString();
            if (string.Equals(key, "type", StringComparison.OrdinalIgnoreCase)) type = reader.ReadString();
            else if (string.Equals(key, "data", StringComparison.OrdinalIgnoreCase) && reader.NextMessagePackType == MessagePackType.Map)
            {
                data = reader.CreatePeekReader();
                hasData = true;
                reader.Skip();
            }
            else reader.Skip();
        }
        if (!hasData) return;
        if (type == EventTypes.MessageCreated)
        {
            int n = data.ReadMapHeader();
            for (int e = 0; e < n; e++)
            {
                if (string.Equals(data.ReadString(), "text", StringComparison.OrdinalIgnoreCase) && data.NextMessagePackType == MessagePackType.String)
                {
                    var text = data.ReadStringSequence();
                    fleet.OnMessageText(text is { IsSingleSegment: true } t ? t.FirstSpan : text?.ToArray() ?? []);
                    return;
                }
                data.Skip();
            }
            fleet.OnMessageText([]);
        }
        else if (type == EventTypes.Hello)
        {
            long keepAlive = 0, clientTimeout = 0;
            int n = data.ReadMapHeader();
            for (int e = 0; e < n; e++)
            {
                var key = data.ReadString();
                if (string.Equals(key, "keepAliveSeconds", StringComparison.OrdinalIgnoreCase)) keepAlive = data.ReadInt64();
                else if (string.Equals(key, "clientTimeoutSeconds", StringComparison.OrdinalIgnoreCase)) clientTimeout = data.ReadInt64();
                else data.Skip();
            }
            fleet.OnHello(keepAlive, clientTimeout);
        }
    }
}
