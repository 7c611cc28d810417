using System.Text.RegularExpressions;

namespace Parley.Server.Features.Scim;

/// <summary>
/// The filters provisioning clients send (RFC 7644 §3.4.2.2): one comparison <c>attribute eq "value"</c>, which is what
/// Okta (<c>userName eq</c>) and Entra ID (<c>userName eq</c>, <c>externalId eq</c>, <c>displayName eq</c>) use. Anything
/// else is 400 invalidFilter rather than a guess.
/// </summary>
public sealed partial record ScimFilter(string Attribute, string Value)
{
    [GeneratedRegex("""^\s*(?<attr>[A-Za-z][\w.:]*)\s+(?<op>[A-Za-z]{2})\s+"(?<value>(?:[^"\\]|\\.)*)"\s*$""", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Comparison();

    /// <summary>Null for no filter; the attribute is returned as given (callers compare it case-insensitively).</summary>
    public static ScimFilter? Parse(string? filter, IReadOnlyCollection<string> supported)
    {
        if (string.IsNullOrWhiteSpace(filter)) return null;
        if (filter.Length > 500) throw Bad("The filter is too long.");
        var m = Comparison().Match(filter);
        if (!m.Success) throw Bad("Only filters of the form attribute eq \"value\" are supported.");
        if (!m.Groups["op"].Value.Equals("eq", StringComparison.OrdinalIgnoreCase))
            throw Bad($"The operator '{m.Groups["op"].Value}' is not supported; use eq.");
        var attribute = m.Groups["attr"].Value;
        if (attribute.StartsWith(ScimJson.UserSchema + ":", StringComparison.OrdinalIgnoreCase)) attribute = attribute[(ScimJson.UserSchema.Length + 1)..];
        if (attribute.StartsWith(ScimJson.GroupSchema + ":", StringComparison.OrdinalIgnoreCase)) attribute = attribute[(ScimJson.GroupSchema.Length + 1)..];
        var known = supported.FirstOrDefault(s => s.Equals(attribute, StringComparison.OrdinalIgnoreCase))
            ?? throw Bad($"Filtering on '{attribute}' is not supported; use one of {string.Join(", ", supported)}.");
        return new ScimFilter(known, Unquote(m.Groups["value"].Value));
    }

    /// <summary>JSON string escapes inside the quotes: \" and \\ are what clients send.</summary>
    internal static string Unquote(string s) => s.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    private static ScimException Bad(string detail) => new(400, "invalidFilter", detail);
}
