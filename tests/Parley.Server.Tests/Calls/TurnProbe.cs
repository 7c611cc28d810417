using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// A minimal TURN client (RFC 8656 Allocate over UDP with RFC 8489 long-term credentials): enough to ask a real TURN
/// server whether it accepts a username and password. The first Allocate has no credentials and draws 401 with the
/// realm and nonce; the second carries USERNAME, REALM, NONCE and MESSAGE-INTEGRITY (HMAC-SHA1 keyed with
/// MD5(username:realm:password)). Returns the response's class and error code.
/// </summary>
public static class TurnProbe
{
    private const uint MagicCookie = 0x2112A442;
    private const ushort AllocateRequest = 0x0003, AllocateSuccess = 0x0103, AllocateError = 0x0113;
    private const ushort Username = 0x0006, MessageIntegrity = 0x0008, ErrorCode = 0x0009, Realm = 0x0014, Nonce = 0x0015,
        RequestedTransport = 0x0019, XorRelayedAddress = 0x0016;

    public sealed record Result(bool Allocated, int? Error, bool HasRelayedAddress);

    public static async Task<Result> AllocateAsync(int port, string username, string password)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new IPEndPoint(IPAddress.Loopback, port);
        var transport = new byte[] { 17, 0, 0, 0 }; // UDP
        var challenge = await ExchangeAsync(udp, server, Build([(RequestedTransport, transport)], null));
        if (challenge.Type != AllocateError || challenge.Error != 401) throw new InvalidOperationException($"expected a 401 challenge, got type {challenge.Type:x4} error {challenge.Error}");
        var realm = challenge.Attributes[Realm];
        var nonce = challenge.Attributes[Nonce];
#pragma warning disable CA5351, CA5350 // RFC 8489 §9.2.2 long-term credentials: key = MD5(username:realm:password), HMAC-SHA1
        var key = MD5.HashData(Encoding.UTF8.GetBytes($"{username}:{Encoding.UTF8.GetString(realm)}:{password}"));
#pragma warning restore CA5351, CA5350
        var answer = await ExchangeAsync(udp, server, Build([(RequestedTransport, transport), (Username, Encoding.UTF8.GetBytes(username)), (Realm, realm), (Nonce, nonce)], key));
        return new Result(answer.Type == AllocateSuccess, answer.Error, answer.Attributes.ContainsKey(XorRelayedAddress));
    }

    private sealed record Message(ushort Type, int? Error, Dictionary<ushort, byte[]> Attributes);

    private static async Task<Message> ExchangeAsync(UdpClient udp, IPEndPoint server, byte[] request)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await udp.SendAsync(request, server);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                var reply = await udp.ReceiveAsync(timeout.Token);
                return Parse(reply.Buffer);
            }
            catch (OperationCanceledException)
            {
                // UDP: ask again
            }
        }
        throw new TimeoutException("the TURN server did not answer");
    }

    private static byte[] Build(IReadOnlyList<(ushort Type, byte[] Value)> attributes, byte[]? integrityKey)
    {
        using var body = new MemoryStream();
        foreach (var (type, value) in attributes) WriteAttribute(body, type, value);
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, AllocateRequest);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), MagicCookie);
        RandomNumberGenerator.Fill(header.AsSpan(8, 12));
        var length = (int)body.Length + (integrityKey is null ? 0 : 24);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)length);
        var message = header.Concat(body.ToArray()).ToArray();
        if (integrityKey is null) return message;
        // MESSAGE-INTEGRITY covers the message up to itself, with the length already counting it (RFC 8489 §14.5).
#pragma warning disable CA5350
        var mac = HMACSHA1.HashData(integrityKey, message);
#pragma warning restore CA5350
        using var withMac = new MemoryStream();
        withMac.Write(message);
        WriteAttribute(withMac, MessageIntegrity, mac);
        return withMac.ToArray();
    }

    private static void WriteAttribute(Stream s, ushort type, byte[] value)
    {
        Span<byte> head = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(head, type);
        BinaryPrimitives.WriteUInt16BigEndian(head[2..], (ushort)value.Length);
        s.Write(head);
        s.Write(value);
        for (var pad = value.Length; pad % 4 != 0; pad++) s.WriteByte(0);
    }

    private static Message Parse(byte[] data)
    {
        var type = BinaryPrimitives.ReadUInt16BigEndian(data);
        var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(2));
        var attributes = new Dictionary<ushort, byte[]>();
        int? error = null;
        for (var at = 20; at + 4 <= 20 + length;)
        {
            var t = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));
            var l = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 2));
            var value = data.AsSpan(at + 4, l).ToArray();
            attributes.TryAdd(t, value);
            if (t == ErrorCode) error = (value[2] & 0x7) * 100 + value[3];
            at += 4 + ((l + 3) & ~3);
        }
        return new Message(type, error, attributes);
    }
}
