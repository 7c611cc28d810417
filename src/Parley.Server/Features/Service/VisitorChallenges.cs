using System.Buffers.Binary;
using System.Buffers.Text;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Service;

/// <summary>
/// The proof-of-work challenge on visitor session creation (issue 18, "a challenge under attack"). When a widget is
/// starting many chats (<see cref="ServiceOptions.ChallengeAboveSessionsPerMinute"/>) or one address asks often
/// (<see cref="ServiceOptions.ChallengeAboveSessionsPerMinutePerAddress"/>), a request without a solution is answered
/// 428 with a challenge: a token and a difficulty. The visitor page finds a nonce such that
/// SHA-256(token + ":" + nonce) starts with <c>difficulty</c> zero bits (about 2^difficulty hashes) and sends the
/// request again with both. "Under attack" reads the very counters of the existing limits (the widget's and the
/// address's windows in <see cref="IRateCounter"/>: Redis in cluster mode), so every node sees the same load.
/// <para>
/// The token is stateless: widget id, expiry (unix ms), difficulty and 16 random bytes, with an HMAC-SHA256 (first 16
/// bytes) under a key every node shares (<c>server_keys</c> on PostgreSQL; one per process on SQLite, one node: a
/// restart only voids challenges in flight), as for hub tickets. It is single use across nodes: a used token's hash
/// goes into <c>service_challenge_uses</c> in the transaction that creates the session (the primary key refuses the
/// second use); rows past their expiry are dropped by the same statement that adds one.
/// </para>
/// </summary>
public sealed class VisitorChallenges(Database database, IRateCounter rate, TimeProvider clock, IOptionsMonitor<ServiceOptions> options)
{
    public const string Prefix = "pvc_";
    private const int PayloadBytes = 8 + 8 + 1 + 16, MacBytes = 16, MaxNonceChars = 32;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Lazy<byte[]> _key = new(() => database.Provider == StorageProvider.Postgres
        ? Convert.FromBase64String(ServerKeys.GetOrCreate(database, "visitor-challenges", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))))
        : RandomNumberGenerator.GetBytes(32));

    /// <summary>A checked solution, to be used up in the session's transaction (<see cref="Use"/>).</summary>
    public sealed record Solution(byte[] TokenHash, long ExpiresAtMs);

    private ServiceOptions O => options.CurrentValue;

    /// <summary>
    /// Whether this request must bring a solution: the widget started <c>ChallengeAboveSessionsPerMinute</c> chats in
    /// this minute already, or this address (whose request is counted already) asked more than
    /// <c>ChallengeAboveSessionsPerMinutePerAddress</c> times. 0 challenges every request.
    /// </summary>
    public async Task<bool> RequiredAsync(long widgetId, string? address)
    {
        if (O.ChallengeAboveSessionsPerMinute == 0 || O.ChallengeAboveSessionsPerMinutePerAddress == 0) return true;
        if (await rate.PeekAsync(VisitorService.WidgetLimitKey(widgetId), Minute) >= O.ChallengeAboveSessionsPerMinute) return true;
        return await rate.PeekAsync(VisitorService.AddressLimitKey(address), Minute) > O.ChallengeAboveSessionsPerMinutePerAddress;
    }

    /// <summary>The 428 that asks for a solution, with a new challenge for this widget.</summary>
    public ParleyException Demand(long widgetId)
    {
        var challenge = Issue(widgetId);
        return new ParleyException(428, ErrorCodes.VisitorChallengeRequired,
            "This widget is busy: solve the challenge (a nonce such that SHA-256(token + \":\" + nonce) has difficulty leading zero bits) and send the request again with challengeToken and challengeNonce.")
        {
            Extensions = new Dictionary<string, object> { ["challenge"] = challenge },
        };
    }

    public VisitorChallengeDto Issue(long widgetId)
    {
        var expires = clock.GetUtcNow().Add(O.ChallengeLifetime).ToUnixTimeMilliseconds();
        var bytes = new byte[PayloadBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, widgetId);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), expires);
        bytes[16] = (byte)O.ChallengeDifficulty;
        RandomNumberGenerator.Fill(bytes.AsSpan(17, 16));
        Mac(bytes.AsSpan(0, PayloadBytes), bytes.AsSpan(PayloadBytes));
        return new VisitorChallengeDto(Prefix + Base64Url.EncodeToString(bytes), O.ChallengeDifficulty, DateTimeOffset.FromUnixTimeMilliseconds(expires));
    }

    /// <summary>
    /// The solution when the token is ours, for this widget, unexpired, and the nonce meets the difficulty the token
    /// carries; otherwise 403 visitor_challenge_invalid (one answer for every reason). Whether it was used already is
    /// decided by <see cref="Use"/>.
    /// </summary>
    public Solution Check(string? token, string? nonce, long widgetId)
    {
        if (token is not { Length: > 0 } || nonce is not { Length: > 0 }) throw Invalid("challengeToken and challengeNonce go together.");
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100 || nonce.Length > MaxNonceChars) throw Invalid("The challenge token or nonce is malformed.");
        Span<byte> bytes = stackalloc byte[80];
        if (!Base64Url.TryDecodeFromChars(token.AsSpan(Prefix.Length), bytes, out var written) || written != PayloadBytes + MacBytes)
            throw Invalid("The challenge token is malformed.");
        bytes = bytes[..written];
        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(bytes[..PayloadBytes], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[PayloadBytes..])) throw Invalid("The challenge token was not issued by this server.");
        if (BinaryPrimitives.ReadInt64BigEndian(bytes) != widgetId) throw Invalid("The challenge was issued for another widget.");
        var expires = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        if (expires <= clock.GetUtcNow().ToUnixTimeMilliseconds()) throw Invalid("The challenge has expired; ask for a new one.");
        if (!Satisfies(token, nonce, bytes[16])) throw Invalid("The nonce does not solve the challenge.");
        return new Solution(SHA256.HashData(Encoding.ASCII.GetBytes(token)), expires);
    }

    /// <summary>Whether SHA-256(token + ":" + nonce) (UTF-8) starts with at least <paramref name="difficulty"/> zero bits.</summary>
    public static bool Satisfies(string token, string nonce, int difficulty) =>
        LeadingZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes(token + ":" + nonce))) >= difficulty;

    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0)
            {
                bits += 8;
                continue;
            }
            return bits + BitOperations.LeadingZeroCount((uint)b) - 24;
        }
        return bits;
    }

    /// <summary>Uses the solution up, in the caller's transaction; false when it was used already (on any node).</summary>
    public static bool Use(WriteContext w, Solution solution)
    {
        w.Connection.Execute("DELETE FROM service_challenge_uses WHERE expires_at < @now", new { now = w.NowMs }, w.Transaction);
        return w.Connection.Execute("INSERT INTO service_challenge_uses(token_hash, expires_at) VALUES (@hash, @expires) ON CONFLICT (token_hash) DO NOTHING",
            new { hash = solution.TokenHash, expires = solution.ExpiresAtMs }, w.Transaction) == 1;
    }

    public static ParleyException Invalid(string message) => new(403, ErrorCodes.VisitorChallengeInvalid, message);

    private void Mac(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key.Value, payload, full);
        full[..MacBytes].CopyTo(destination);
    }
}
