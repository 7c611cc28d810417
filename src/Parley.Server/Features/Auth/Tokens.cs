using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Server.Features.Auth;

/// <summary>
/// Bearer tokens are 256 random bits; only their SHA-256 is stored, so a leaked database grants no sessions.
/// A fast hash is right here (unlike passwords): the input has full entropy, so there is nothing to brute-force.
/// </summary>
public static class Tokens
{
    public const string Prefix = "plt_";

    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

}
