using System.Text.RegularExpressions;

namespace Parley.Server.Features.SlashCommands;

/// <summary>
/// A message text read as a slash command: "/name rest". Only a leading "/" followed by a name and then a space or the
/// end counts, so "/usr/bin is a path" stays a message ("/usr" is followed by "/"), and "//text" sends "/text" literally.
/// </summary>
public sealed partial record SlashCommandLine(string Name, string Arguments)
{
    [GeneratedRegex(@"^/([A-Za-z][A-Za-z0-9_-]{0,31})(?:\s+(.*))?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Line();

    [GeneratedRegex("\"([^\"]*)\"|“([^”]*)”|(\\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    /// <summary>"/" + the name, lower-case (as registered and listed).</summary>
    public string Command => "/" + Name;

    public static SlashCommandLine? Parse(string? text)
    {
        if (text is null || text.Length > 4000) return null;
        var m = Line().Match(text.Trim());
        return m.Success ? new SlashCommandLine(m.Groups[1].Value.ToLowerInvariant(), m.Groups[2].Value.Trim()) : null;
    }

    /// <summary>The arguments split on spaces, with "double" or “Chinese” quotes keeping spaces inside one argument.</summary>
    public IReadOnlyList<string> Words() =>
        [.. Word().Matches(Arguments).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value)];
}
