using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Contracts;

namespace Parley.Server.Features.Calls;

/// <summary>
/// ICE servers for a user's peer connections. TURN credentials follow coturn's shared-secret scheme ("TURN REST API",
/// draft-uberti-behave-turn-rest-00; coturn's <c>use-auth-secret</c> + <c>static-auth-secret</c>): the username is
/// "&lt;expiry unix seconds&gt;:&lt;user id&gt;", the password base64(HMAC-SHA1(secret, username)). coturn recomputes the HMAC and
/// refuses a username whose time has passed, so a credential is per user, short-lived, and the secret never leaves Parley.
/// </summary>
public sealed class IceServers(IOptionsMonitor<CallsOptions> options, TimeProvider time)
{
    public IceServersDto For(long userId)
    {
        var o = options.CurrentValue;
        var servers = new List<IceServerDto>();
        if (o.StunUrls.Length > 0) servers.Add(new IceServerDto(o.StunUrls, null, null));
        if (o.TurnUrls.Length > 0 && o.TurnSecret is { } secret)
        {
            var expiry = time.GetUtcNow().Add(o.TurnCredentialTtl).ToUnixTimeSeconds();
            var username = string.Create(CultureInfo.InvariantCulture, $"{expiry}:{userId}");
            servers.Add(new IceServerDto(o.TurnUrls, username, Credential(secret, username)));
        }
        return new IceServersDto(servers, (int)o.TurnCredentialTtl.TotalSeconds, o.ForceRelay ? "relay" : "all");
    }

    /// <summary>base64(HMAC-SHA1(secret, username)): what coturn computes for a username under <c>use-auth-secret</c>.</summary>
    // SHA-1 is what coturn's use-auth-secret computes (RFC 5389 MESSAGE-INTEGRITY is HMAC-SHA1 too); HMAC-SHA1 is not broken as a MAC.
#pragma warning disable CA5350
    public static string Credential(string secret, string username) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
#pragma warning restore CA5350
}
