using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Server.Platform.Outbound;

/// <summary>
/// The Standard Webhooks signature scheme (https://www.standardwebhooks.com, spec "Signature scheme"): the signed
/// content is <c>{webhook-id}.{webhook-timestamp}.{body}</c>, the signature HMAC-SHA256 with the secret's key bytes,
/// sent as <c>webhook-signature: v1,&lt;base64&gt;</c> (several space-separated signatures may be sent during secret
/// rotation). Secrets are <c>whsec_</c> + base64 of 32 random bytes. Written on the BCL's HMAC so the receiver's
/// independent implementation (npm <c>standardwebhooks</c>, in tests) checks ours.
/// </summary>
public static class WebhookSigner
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>How far a timestamp may be from now when verifying (the spec's suggested replay window).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>v1,&lt;base64&gt;</c> value for one message.</summary>
    public static string Sign(string secret, string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Mac(KeyOf(secret), id, timestamp.ToUnixTimeSeconds(), body));

    public static string Sign(string secret, string id, DateTimeOffset timestamp, string body) =>
        Sign(secret, id, timestamp, Encoding.UTF8.GetBytes(body));

    /// <summary>The three headers of a signed request.</summary>
    public static IReadOnlyDictionary<string, string> Headers(string secret, string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body) =>
        new Dictionary<string, string>
        {
            [IdHeader] = id,
            [TimestampHeader] = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            [SignatureHeader] = Sign(secret, id, timestamp, body),
        };

    /// <summary>
    /// True when one of the <c>v1</c> signatures in <paramref name="signatureHeader"/> matches and the timestamp is
    /// within <paramref name="tolerance"/> of <paramref name="now"/> (constant-time comparison).
    /// </summary>
    public static bool Verify(string secret, string id, string timestampHeader, ReadOnlySpan<byte> body, string signatureHeader, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (tolerance ?? DefaultTolerance).TotalSeconds) return false;
        byte[] key;
        try { key = KeyOf(secret); }
        catch (FormatException) { return false; }
        var expected = Mac(key, id, seconds, body);
        foreach (var part in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = part.IndexOf(',');
            if (comma < 0 || part[..comma] != "v1") continue;
            var given = new byte[32];
            if (Convert.TryFromBase64String(part[(comma + 1)..], given, out var n) && n == 32 && CryptographicOperations.FixedTimeEquals(given, expected))
                return true;
        }
        return false;
    }

    private static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    private static byte[] Mac(byte[] key, string id, long seconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{seconds.ToString(CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }
}
