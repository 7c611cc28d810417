using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Service;

/// <summary>
/// Skill tags of skills routing: trimmed, 1–32 letters of any script, digits, '-' or '_', compared case-insensitively
/// (kept lower-cased, invariant culture), at most <see cref="Max"/> per agent and per widget. Stored as JSON arrays.
/// </summary>
public static partial class ServiceSkills
{
    public const int Max = 10;

    /// <summary>One tag: the shape canned-reply shortcuts share (typed after '/').</summary>
    [GeneratedRegex(@"^[\p{L}\p{N}_-]{1,32}$")]
    internal static partial Regex Tag();

    /// <summary>The tags lower-cased, without duplicates, sorted; 400 service_skill_invalid for a bad tag or too many.</summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string?> given, string field)
    {
        if (given.Count > Max) throw Invalid(field, $"{field} lists at most {Max} skills.");
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in given)
        {
            var tag = raw?.Trim().ToLowerInvariant() ?? "";
            if (!Tag().IsMatch(tag)) throw Invalid(field, $"'{raw}' is not a skill: 1 to 32 letters, digits, '-' or '_'.");
            tags.Add(tag);
        }
        return [.. tags];
    }

    private static ParleyException Invalid(string field, string message) =>
        new(400, ErrorCodes.ServiceSkillInvalid, message) { Errors = new Dictionary<string, string[]> { [field] = [message] } };

    public static string ToJson(IReadOnlyList<string> skills) => JsonSerializer.Serialize(skills);

    public static IReadOnlyList<string> FromJson(string? json) => string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];

    /// <summary>Whether <paramref name="held"/> includes every one of <paramref name="required"/> (both normalized).</summary>
    public static bool Covers(IReadOnlyList<string> held, IReadOnlyList<string> required) => required.All(held.Contains);
}
