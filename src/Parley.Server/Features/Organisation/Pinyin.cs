using System.Reflection;
using System.Text;

namespace Parley.Server.Features.Organisation;

/// <summary>
/// Pinyin search keys for names: a name's full spellings and initials, from every start (张三 → zhangsan, zs, san, s),
/// so a directory search for <c>zhangsan</c>, <c>zhang san</c>, <c>zs</c> or <c>san</c> finds 张三. Readings come from
/// pinyin.txt, generated from Unihan by scripts/gen-pinyin.py; heteronyms contribute every reading (单 dan/shan/chan,
/// 重 zhong/chong), so both the customary and the surname reading match. The number of spellings per name is capped
/// (<see cref="MaxSpellings"/>): the customary readings come first, the first character keeps all of its readings
/// (surnames are where heteronyms differ: 单 shàn, 曾 zēng, 解 xiè), later characters add theirs while the cap allows.
/// </summary>
public static class Pinyin
{
    public const int MaxSpellings = 16;
    public const int MaxChars = 12;

    private static readonly Lazy<Dictionary<int, string[]>> Table = new(Load);

    /// <summary>Readings of one character, customary first; empty for anything that is not an ideograph in the table.</summary>
    public static IReadOnlyList<string> Readings(int codePoint) => Table.Value.TryGetValue(codePoint, out var r) ? r : [];

    /// <summary>
    /// The keys stored beside a name (<c>|key|key|…|</c>): for each spelling, the full pinyin and the initials from
    /// every start position; other letters and digits are kept lower-cased, anything else is dropped. Null when the
    /// name has no Han character (plain text search already covers it).
    /// </summary>
    public static string? Keys(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var units = new List<string[]>();
        var hasHan = false;
        foreach (var rune in name.EnumerateRunes())
        {
            if (units.Count >= MaxChars) break;
            var readings = Readings(rune.Value);
            if (readings.Count > 0)
            {
                hasHan = true;
                units.Add([.. readings]);
            }
            else if (Rune.IsLetterOrDigit(rune) && rune.Value < 0x3000)
                units.Add([rune.ToString().ToLowerInvariant()]);
        }
        if (!hasHan) return null;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spelling in Spellings(units))
        {
            for (var start = 0; start < spelling.Length; start++)
            {
                keys.Add(string.Concat(spelling[start..]));
                keys.Add(string.Concat(spelling[start..].Select(s => s[0])));
            }
        }
        return "|" + string.Join('|', keys) + "|";
    }

    /// <summary>Every combination of readings, customary first, at most <see cref="MaxSpellings"/>.</summary>
    private static List<string[]> Spellings(List<string[]> units)
    {
        List<string[]> result = [[]];
        for (var i = 0; i < units.Count; i++)
        {
            var next = new List<string[]>();
            // The customary reading extends every spelling so far; the others while the cap allows (all for the first character).
            foreach (var s in result) next.Add([.. s, units[i][0]]);
            for (var r = 1; r < units[i].Length; r++)
                foreach (var s in result)
                    if (i == 0 || next.Count < MaxSpellings) next.Add([.. s, units[i][r]]);
            result = next.Count > MaxSpellings && i > 0 ? next[..MaxSpellings] : next;
        }
        return result;
    }

    /// <summary>A query as the keys are written: lower-case letters and digits only (spaces between syllables do not matter), ü as v.</summary>
    public static string? NormalizeQuery(string query)
    {
        var sb = new StringBuilder();
        foreach (var c in query.ToLowerInvariant())
        {
            if (c is 'ü') sb.Append('v');
            else if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (!char.IsWhiteSpace(c) && c is not ('\'' or '-')) return null; // not a pinyin query
        }
        return sb.Length > 0 ? sb.ToString() : null;
    }

    private static Dictionary<int, string[]> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Parley.Server.pinyin.txt")
            ?? throw new InvalidOperationException("The pinyin table is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lists = new Dictionary<int, List<string>>();
        var extras = new List<(string Reading, string Chars)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < 3 || line[0] == '#') continue;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var reading = line[1..space];
            if (line[0] == '=') foreach (var rune in line[(space + 1)..].EnumerateRunes()) lists[rune.Value] = [reading];
            else extras.Add((reading, line[(space + 1)..]));
        }
        // Customary readings first, then the others (the file is grouped by reading, so they are added after all customary ones).
        foreach (var (reading, chars) in extras)
            foreach (var rune in chars.EnumerateRunes())
                if (lists.TryGetValue(rune.Value, out var list)) list.Add(reading);
                else lists[rune.Value] = [reading];
        return lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

}
