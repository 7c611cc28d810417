using System.Security.Cryptography;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using Parley.Server.Storage;

namespace Parley.Server.Features.Push;

/// <summary>
/// The server's VAPID key pair (RFC 8292), made on first use and kept in <c>server_keys</c> so that every node of a
/// cluster signs with the same key: browsers bind a subscription to the public key they subscribed with.
/// Stored as "public.private", both base64url (the uncompressed P-256 point, the 32-byte scalar).
/// </summary>
public sealed class VapidKeys(Database database, IOptions<PushOptions> options) : IDisposable
{
    private const string KeyName = "vapid";
    private readonly Lazy<VapidAuthentication> _auth = new(() => Load(database, options.Value.Subject));

    public string PublicKey => _auth.Value.PublicKey;

    public VapidAuthentication Authentication => _auth.Value;

    private static VapidAuthentication Load(Database database, string subject)
    {
        var stored = ServerKeys.GetOrCreate(database, KeyName, Generate);
        var parts = stored.Split('.');
        return new VapidAuthentication(parts[0], parts[1]) { Subject = subject };
    }

    private static string Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        var publicKey = new byte[65];
        publicKey[0] = 0x04;
        p.Q.X!.CopyTo(publicKey, 1);
        p.Q.Y!.CopyTo(publicKey, 33);
        return Base64Url.Encode(publicKey) + "." + Base64Url.Encode(p.D!);
    }

    public void Dispose()
    {
        if (_auth.IsValueCreated) _auth.Value.Dispose();
    }
}

internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Null when the text is not base64url (padding tolerated: some browsers' toJSON adds it).</summary>
    public static byte[]? TryDecode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 512) return null;
        try { return System.Buffers.Text.Base64Url.DecodeFromChars(text.TrimEnd('=')); }
        catch (FormatException) { return null; }
    }
}
