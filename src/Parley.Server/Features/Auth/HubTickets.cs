using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Parley.Server.Storage;

namespace Parley.Server.Features.Auth;

/// <summary>
/// Short-lived tickets for opening the hub (issue 13). Browsers cannot set headers on a WebSocket, so SignalR sends
/// its token in the URL (<c>?access_token=</c>), where proxies and access logs keep it. A ticket is what goes there
/// instead of the bearer token: it names the session, expires after <see cref="Lifetime"/>, works only on the hub's
/// path, and is an HMAC over (session, expiry) with a key every node shares (<c>server_keys</c> on PostgreSQL; one per
/// process on SQLite, where there is one node). A logged ticket is useless a minute later, and the session behind it
/// is checked as for a token (revoked or deactivated: refused).
/// </summary>
public sealed class HubTickets(Database database)
{
    public const string Prefix = "plh_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private const int MacBytes = 16;

    private readonly Lazy<byte[]> _key = new(() => database.Provider == StorageProvider.Postgres
        ? Convert.FromBase64String(ServerKeys.GetOrCreate(database, "hub-tickets", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))))
        : RandomNumberGenerator.GetBytes(32));

    public (string Ticket, DateTimeOffset ExpiresAt) Issue(long sessionId, DateTimeOffset now)
    {
        var expires = now.Add(Lifetime).ToUnixTimeSeconds();
        var bytes = new byte[16 + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, sessionId);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), expires);
        Mac(bytes.AsSpan(0, 16), bytes.AsSpan(16));
        return (Prefix + Base64Url.EncodeToString(bytes), DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    /// <summary>The session a valid, unexpired ticket names; null for anything else.</summary>
    public long? Verify(string ticket, DateTimeOffset now)
    {
        if (!ticket.StartsWith(Prefix, StringComparison.Ordinal) || ticket.Length > 80) return null;
        Span<byte> bytes = stackalloc byte[64];
        if (!Base64Url.TryDecodeFromChars(ticket.AsSpan(Prefix.Length), bytes, out var written) || written != 16 + MacBytes) return null;
        bytes = bytes[..written];
        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(bytes[..16], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[16..])) return null;
        if (BinaryPrimitives.ReadInt64BigEndian(bytes[8..]) <= now.ToUnixTimeSeconds()) return null;
        return BinaryPrimitives.ReadInt64BigEndian(bytes);
    }

    private void Mac(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key.Value, payload, full);
        full[..MacBytes].CopyTo(destination);
    }

}
