using System.Security.Cryptography;
using System.Text;

namespace Parley.Server.Features.TwoFactor;

/// <summary>
/// One-time recovery codes: 10 random codes of 10 characters from an alphabet without look-alikes (50 bits each),
/// shown once as <c>xxxxx-xxxxx</c>; only SHA-256 hashes are stored (the codes are random, not chosen by people,
/// so a fast hash is enough).
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static IReadOnlyList<string> Generate() =>
        Enumerable.Range(0, Count).Select(_ =>
        {
            var s = RandomNumberGenerator.GetString(Alphabet, 10);
            return $"{s[..5]}-{s[5..]}";
        }).ToList();

    /// <summary>As typed: case, spaces and dashes do not matter.</summary>
    public static string? Normalize(string input)
    {
        var s = new string(input.Where(c => c is not ('-' or ' ')).Select(char.ToLowerInvariant).ToArray());
        return s.Length == 10 && s.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? s : null;
    }

    public static string Hash(string normalized) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(normalized)));
}
