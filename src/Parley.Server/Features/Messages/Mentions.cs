using System.Text.RegularExpressions;

namespace Parley.Server.Features.Messages;

/// <summary>Finds @username and @all in message text. Usernames follow UserService.ValidateUsername.</summary>
public static partial class Mentions
{
    [GeneratedRegex(@"(?<![\w@])@([\p{L}\p{N}._-]{1,64})", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    public static (IReadOnlyList<string> Usernames, bool All) Parse(string text)
    {
        var names = new List<string>();
        var all = false;
        foreach (Match m in MentionPattern().Matches(text))
        {
            var name = m.Groups[1].Value.TrimEnd('.', '-', '_');
            if (name.Equals("all", StringComparison.OrdinalIgnoreCase) || name == "所有人") all = true;
            else if (!names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
        }
        return (names, all);
    }
}
