using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.LoadGen.Adapters.Xmpp;

/// <summary>
/// A minimal XMPP client over plain TCP, enough for a load generator on loopback:
/// stream negotiation (RFC 6120 §4), in-band registration (XEP-0077), SASL PLAIN
/// (RFC 4616; no TLS, loopback only), resource binding (§7), the legacy session
/// (RFC 3921 §3, when advertised), MUC join and groupchat (XEP-0045).
/// </summary>
public sealed class XmppConnection : IAsyncDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly XmlFramer _framer = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _joins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _iqs = new(StringComparer.Ordinal);
    private int _iqCounter;
    private readonly string _domain;
    private IDeliverySink? _sink;
    private Task? _receiveLoop;
    private CancellationTokenSource? _loopCts;

    private XmppConnection(string domain) => _domain = domain;

    public string Jid { get; private set; } = "";

    /// <summary>Registers a user; an already existing account (409 conflict) counts as success.</summary>
    public static async Task RegisterAsync(IPEndPoint server, string domain, string user, string password, CancellationToken ct)
    {
        await using var c = new XmppConnection(domain);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(HandshakeTimeout);
        await c._socket.ConnectAsync(server, timeout.Token);
        var features = await c.OpenStreamAsync(timeout.Token);
        if (!features.Contains("jabber.org/features/iq-register", StringComparison.Ordinal))
            throw new XmppException($"server offers no in-band registration: {features}");
        await c.WriteAsync($"<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>{StanzaText.Escape(user)}</username><password>{StanzaText.Escape(password)}</password></query></iq>", timeout.Token);
        string reply = await c.ReadStanzaStringAsync(timeout.Token);
        if (reply.Contains("type='result'", StringComparison.Ordinal) || reply.Contains("type=\"result\"", StringComparison.Ordinal)) return;
        if (reply.Contains("conflict", StringComparison.Ordinal)) return;
        throw new XmppException($"registration of {user} failed: {reply}");
    }

    /// <summary>Connects, authenticates, binds and announces presence; then starts the receive loop.</summary>
    public static async Task<XmppConnection> ConnectAsync(IPEndPoint server, string domain, string user, string password, IDeliverySink sink, CancellationToken ct)
    {
        var c = new XmppConnection(domain) { _sink = sink };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(HandshakeTimeout);
            await c._socket.ConnectAsync(server, timeout.Token);
            c._socket.NoDelay = true;
            var features = await c.OpenStreamAsync(timeout.Token);
            if (!features.Contains(">PLAIN<", StringComparison.Ordinal))
                throw new XmppException($"server does not offer SASL PLAIN: {features}");

            string credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
            await c.WriteAsync($"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{credentials}</auth>", timeout.Token);
            string auth = await c.ReadStanzaStringAsync(timeout.Token);
            if (!auth.StartsWith("<success", StringComparison.Ordinal))
                throw new XmppException($"authentication of {user} failed: {auth}");

            c._framer.ResetStream();
            features = await c.OpenStreamAsync(timeout.Token);
            await c.WriteAsync("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>lg</resource></bind></iq>", timeout.Token);
            string bind = await c.ReadStanzaStringAsync(timeout.Token);
            int j = bind.IndexOf("<jid>", StringComparison.Ordinal);
            if (j < 0) throw new XmppException($"bind failed: {bind}");
            c.Jid = bind[(j + 5)..bind.IndexOf("</jid>", j, StringComparison.Ordinal)];

            // RFC 6121 dropped the session request; servers that still advertise it without
            // <optional/> (RFC 3921 behaviour) need it before they route stanzas.
            if (features.Contains("urn:ietf:params:xml:ns:xmpp-session", StringComparison.Ordinal) &&
                !features.Contains("<optional/>", StringComparison.Ordinal))
            {
                await c.WriteAsync("<iq type='set' id='sess'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>", timeout.Token);
                await c.ReadStanzaStringAsync(timeout.Token);
            }
            await c.WriteAsync("<presence/>", timeout.Token);
            c._loopCts = new CancellationTokenSource();
            c._receiveLoop = Task.Run(() => c.ReceiveLoopAsync(c._loopCts.Token), CancellationToken.None);
            return c;
        }
        catch
        {
            await c.DisposeAsync();
            throw;
        }
    }

    /// <summary>Joins a MUC room and waits for our own presence (status 110, XEP-0045 §7.2.3).</summary>
    public async Task JoinRoomAsync(string roomJid, string nick, CancellationToken ct)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string full = $"{roomJid}/{nick}";
        _joins[full] = tcs;
        await WriteAsync($"<presence to='{StanzaText.Escape(full)}'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>", ct);
        await tcs.Task.WaitAsync(ct);
    }

    /// <summary>
    /// As the room's owner, limits presence broadcast to moderators (XEP-0045 §10.2 form field
    /// muc#roomconfig_presencebroadcast). Without it every join is sent to every occupant, so
    /// filling a room of K costs K² presence stanzas: over six minutes for two rooms of 1,000
    /// on Prosody here, before a single message. Parley has no per-join broadcast to compare with.
    /// </summary>
    public async Task ConfigureLargeRoomAsync(string roomJid, CancellationToken ct)
    {
        string id = "cfg" + Interlocked.Increment(ref _iqCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _iqs[id] = tcs;
        await WriteAsync($"<iq type='set' id='{id}' to='{roomJid}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'>" +
            "<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>" +
            "<field var='muc#roomconfig_presencebroadcast'><value>moderator</value></field></x></query></iq>", ct);
        await tcs.Task.WaitAsync(ct);
    }

    public Task SendGroupchatAsync(string roomJid, string body, CancellationToken ct) =>
        WriteAsync($"<message to='{roomJid}' type='groupchat'><body>{StanzaText.Escape(body)}</body></message>", ct);

    /// <summary>Closes the socket at once: no &lt;/stream:stream&gt;, as a lost client looks to the server.</summary>
    public void Abort()
    {
        try { _socket.Close(0); } catch (ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.Connected)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await WriteAsync("</stream:stream>", cts.Token);
            }
            catch (Exception) { /* best effort goodbye */ }
        }
        if (_loopCts is not null) await _loopCts.CancelAsync();
        _socket.Dispose();
        if (_receiveLoop is not null)
        {
            try { await _receiveLoop; } catch (Exception) { /* the loop reports its own errors */ }
        }
        _loopCts?.Dispose();
        _writeLock.Dispose();
    }

    private async Task<string> OpenStreamAsync(CancellationToken ct)
    {
        await WriteAsync($"<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='{_domain}' version='1.0'>", ct);
        var (kind, _) = await ReadFrameAsync(ct);
        if (kind != FrameKind.StreamOpen) throw new XmppException("expected a stream header");
        string features = await ReadStanzaStringAsync(ct);
        if (!features.StartsWith("<stream:features", StringComparison.Ordinal))
            throw new XmppException($"expected stream features: {features}");
        return features;
    }

    private async Task<string> ReadStanzaStringAsync(CancellationToken ct)
    {
        while (true)
        {
            var (kind, text) = await ReadFrameAsync(ct);
            if (kind == FrameKind.StreamClose) throw new XmppException("server closed the stream");
            if (kind == FrameKind.Stanza) return text;
        }
    }

    private async Task<(FrameKind, string)> ReadFrameAsync(CancellationToken ct)
    {
        while (true)
        {
            if (_framer.TryRead(out var kind, out var frame)) return (kind, StanzaText.Decode(frame.Span));
            int n = await _socket.ReceiveAsync(_framer.GetWriteMemory(), SocketFlags.None, ct);
            if (n == 0) throw new XmppException("connection closed during negotiation");
            _framer.Advance(n);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                // No token here: registering a cancellation on every receive costs more than the
                // receive itself at these rates; disposing the socket ends the loop instead.
                int n = await _socket.ReceiveAsync(_framer.GetWriteMemory(), SocketFlags.None, CancellationToken.None);
                if (n == 0) return;
                _framer.Advance(n);
                while (_framer.TryRead(out var kind, out var frame))
                {
                    if (kind == FrameKind.StreamClose) return;
                    if (kind == FrameKind.Stanza) await HandleAsync(frame, ct);
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    private ValueTask HandleAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        var s = frame.Span;
        if (StanzaText.StartsWithTag(s, "message"u8))
        {
            var type = StanzaText.Attribute(s, "type"u8);
            if (type.SequenceEqual("error"u8)) { _sink?.OnError("xmpp message error: " + StanzaText.Decode(s)); return default; }
            var body = StanzaText.ChildText(s, "<body>"u8, "</body>"u8);
            if (!body.IsEmpty) _sink?.OnMessage(body);
            return default;
        }
        if (StanzaText.StartsWithTag(s, "presence"u8))
        {
            var from = StanzaText.Attribute(s, "from"u8);
            bool error = StanzaText.Attribute(s, "type"u8).SequenceEqual("error"u8);
            if ((error || s.IndexOf("code='110'"u8) >= 0 || s.IndexOf("code=\"110\""u8) >= 0) && !_joins.IsEmpty)
            {
                string key = StanzaText.Decode(from);
                if (_joins.TryRemove(key, out var tcs))
                {
                    if (error) tcs.TrySetException(new XmppException("MUC join failed: " + StanzaText.Decode(s)));
                    else tcs.TrySetResult();
                }
            }
            return default;
        }
        if (StanzaText.StartsWithTag(s, "iq"u8) && !_iqs.IsEmpty)
        {
            var iqType = StanzaText.Attribute(s, "type"u8);
            if ((iqType.SequenceEqual("result"u8) || iqType.SequenceEqual("error"u8)) &&
                _iqs.TryRemove(StanzaText.Decode(StanzaText.Attribute(s, "id"u8)), out var pending))
            {
                if (iqType.SequenceEqual("result"u8)) pending.TrySetResult();
                else pending.TrySetException(new XmppException("iq failed: " + StanzaText.Decode(s)));
                return default;
            }
        }
        if (StanzaText.StartsWithTag(s, "iq"u8) && StanzaText.Attribute(s, "type"u8).SequenceEqual("get"u8))
        {
            // Answer server pings (XEP-0199) and anything else with a result, so idle
            // connections are not dropped as dead.
            string id = StanzaText.Decode(StanzaText.Attribute(s, "id"u8));
            string from = StanzaText.Decode(StanzaText.Attribute(s, "from"u8));
            string to = from.Length > 0 ? $" to='{from}'" : "";
            return new ValueTask(WriteAsync($"<iq type='result' id='{id}'{to}/>", ct));
        }
        if (StanzaText.StartsWithTag(s, "stream:error"u8)) _sink?.OnError("xmpp stream error: " + StanzaText.Decode(s));
        return default;
    }

    private async Task WriteAsync(string xml, CancellationToken ct)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(xml);
        await _writeLock.WaitAsync(ct);
        try
        {
            int sent = 0;
            while (sent < bytes.Length)
                sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}

public sealed class XmppException(string message) : Exception(message);
