using System.Text.RegularExpressions;
using Parley.Contracts;

namespace Parley.Server.Features.Embed;

/// <summary>Origins as browsers send them (scheme://host[:port], lower case, no path), for exact comparison.</summary>
public static partial class EmbedOrigins
{
    [GeneratedRegex(@"^https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]{1,5})?$")]
    private static partial Regex Origin();

    /// <summary>The origin in its canonical form, or null when the text is not one (a path, a wildcard, another scheme).</summary>
    public static string? Normalize(string? text)
    {
        var value = text?.Trim().TrimEnd('/').ToLowerInvariant();
        if (string.IsNullOrEmpty(value) || !Origin().IsMatch(value)) return null;
        // The default port is left out by browsers: https://a:443 is sent as https://a.
        if (value.StartsWith("https://", StringComparison.Ordinal) && value.EndsWith(":443", StringComparison.Ordinal)) value = value[..^4];
        if (value.StartsWith("http://", StringComparison.Ordinal) && value.EndsWith(":80", StringComparison.Ordinal)) value = value[..^3];
        return value;
    }

    /// <summary>What a scoped session learns about its user: no roles, no permissions (nothing embedded administers).</summary>
    public static UserDto WithoutRoles(UserDto user) => user with { IsAdmin = false, Roles = [], Permissions = [] };
}
