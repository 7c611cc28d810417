using Parley.Server.Features.Organisation;

namespace Parley.Server.Features.Moderation;

/// <summary>
/// Pinyin matching for the rules that ask for it: a rule 敏感 (min gan) also finds <c>mingan</c>, <c>min gan</c>,
/// <c>MinGan</c>, <c>min感</c> and homophones such as 民感. Readings come from the directory's pinyin table
/// (<see cref="Pinyin"/>, every reading of a heteronym, no tones: the table has none).
/// <para>
/// The text is read as units: each Han character (its readings), each Latin word (a run of letters between spaces,
/// punctuation, digits or ideographs), anything else breaks a match. A Latin word must be exactly one or more whole
/// syllables of the rule, in order: "admin gantry" does not match min gan (neither word is a run of the rule's
/// syllables), nor does "I'm in Gansu". That keeps ordinary English clear of two-syllable rules; one-syllable rules
/// cannot ask for pinyin at all (<see cref="CanMatch"/>), because "an", "he" or "men" are English words.
/// </para>
/// Immutable after construction: safe to share between request threads.
/// </summary>
public sealed class PinyinMatcher
{
    /// <summary>Combinations of heteronym readings kept per rule (as the directory caps them).</summary>
    public const int MaxSpellings = Pinyin.MaxSpellings;

    private const int LongestSyllable = 6; // "zhuang", "shuang", "chuang"

    private readonly Dictionary<string, List<(int Rule, string[] Syllables)>> _byFirst = new(StringComparer.Ordinal);
    private readonly string[] _folded;

    public int RuleCount => _folded.Length;

    /// <param name="patterns">Folded patterns (<see cref="TextFolding"/>); a match reports the pattern's index in this list.</param>
    public PinyinMatcher(IReadOnlyList<string> patterns)
    {
        _folded = [.. patterns];
        for (var r = 0; r < patterns.Count; r++)
            foreach (var spelling in Spellings(patterns[r]))
            {
                if (!_byFirst.TryGetValue(spelling[0], out var list)) _byFirst[spelling[0]] = list = [];
                list.Add((r, spelling));
            }
    }

    /// <summary>Whether a pattern can be matched by pinyin: at least one Han character and at least two syllables.</summary>
    public static bool CanMatch(string folded)
    {
        var spellings = Spellings(folded);
        return spellings.Count > 0 && spellings[0].Length >= 2 && folded.Any(c => Pinyin.Readings(c).Count > 0);
    }

    /// <summary>A pattern's syllables: each Han character's readings, each Latin letter or digit as itself; capped combinations.</summary>
    private static List<string[]> Spellings(string folded)
    {
        List<string[]> result = [[]];
        foreach (var c in folded)
        {
            IReadOnlyList<string> readings = Pinyin.Readings(c) is { Count: > 0 } r ? r : char.IsAsciiLetterOrDigit(c) ? [c.ToString()] : [];
            if (readings.Count == 0) return [];
            var next = new List<string[]>();
            foreach (var reading in readings)
                foreach (var s in result)
                    if (next.Count < MaxSpellings) next.Add([.. s, reading]);
            result = next;
        }
        return result;
    }

    private readonly record struct Unit(int Start, int End, string? Word, IReadOnlyList<string>? Readings, char Han);

    /// <summary>Every pinyin occurrence of a pattern in <paramref name="text"/> that <paramref name="ruleApplies"/> accepts, except the pattern's own characters (the automaton finds those).</summary>
    public IReadOnlyList<WordMatch> Find(string text, Func<int, bool>? ruleApplies = null)
    {
        if (_byFirst.Count == 0 || text.Length == 0) return [];
        var units = Units(text);
        List<WordMatch>? found = null;
        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            IEnumerable<string> firsts = u.Word is { } w ? Enumerable.Range(1, Math.Min(LongestSyllable, w.Length)).Select(n => w[..n])
                : u.Readings ?? [];
            foreach (var first in firsts)
            {
                if (!_byFirst.TryGetValue(first, out var candidates)) continue;
                foreach (var (rule, syllables) in candidates)
                {
                    if (ruleApplies is not null && !ruleApplies(rule)) continue;
                    if (Match(units, i, syllables) is not { } last) continue;
                    if (IsOwnCharacters(units, i, last, _folded[rule])) continue;
                    if (found?.Any(f => f.Rule == rule && f.Positions[0] == units[i].Start) == true) continue; // another spelling, same place
                    (found ??= []).Add(new WordMatch(rule, Positions(text, units, i, last)));
                }
            }
        }
        return found ?? (IReadOnlyList<WordMatch>)[];
    }

    /// <summary>The index of the last unit when the syllables are matched from unit <paramref name="start"/> on, whole units only; else null.</summary>
    private static int? Match(List<Unit> units, int start, string[] syllables)
    {
        var j = 0;
        for (var i = start; i < units.Count; i++)
        {
            var u = units[i];
            if (u.Word is { } word)
            {
                var k = 0;
                while (k < word.Length)
                {
                    if (j == syllables.Length || !word.AsSpan(k).StartsWith(syllables[j], StringComparison.Ordinal)) return null;
                    k += syllables[j++].Length;
                }
            }
            else if (u.Readings is { } readings && j < syllables.Length && readings.Contains(syllables[j])) j++;
            else return null;
            if (j == syllables.Length) return i;
        }
        return null;
    }

    private static bool IsOwnCharacters(List<Unit> units, int first, int last, string folded)
    {
        if (last - first + 1 != folded.Length) return false;
        for (var i = first; i <= last; i++)
            if (units[i].Word is not null || units[i].Han != folded[i - first]) return false;
        return true;
    }

    private static int[] Positions(string text, List<Unit> units, int first, int last)
    {
        var positions = new List<int>();
        for (var i = first; i <= last; i++)
            for (var p = units[i].Start; p <= units[i].End; p++)
                if (TextFolding.Fold(text[p]) != '\0') positions.Add(p);
        return [.. positions];
    }

    /// <summary>The text as units: Latin words (folded, lower case) and Han characters with their readings; other characters are units that match nothing.</summary>
    private static List<Unit> Units(string text)
    {
        var units = new List<Unit>();
        var word = new System.Text.StringBuilder();
        int wordStart = -1, wordEnd = -1;
        void EndWord()
        {
            if (word.Length == 0) return;
            units.Add(new Unit(wordStart, wordEnd, word.ToString(), null, '\0'));
            word.Clear();
        }
        for (var p = 0; p < text.Length; p++)
        {
            var f = TextFolding.Fold(text[p]);
            if (f == '\0')
            {
                // Spaces and punctuation end a word; format characters (zero-width) do not split one.
                if (!char.IsWhiteSpace(text[p]) && char.GetUnicodeCategory(text[p]) == System.Globalization.UnicodeCategory.Format) continue;
                EndWord();
                continue;
            }
            if (f is >= 'a' and <= 'z')
            {
                if (word.Length == 0) wordStart = p;
                word.Append(f);
                wordEnd = p;
                continue;
            }
            EndWord();
            units.Add(Pinyin.Readings(f) is { Count: > 0 } readings ? new Unit(p, p, null, readings, f) : new Unit(p, p, null, null, f));
        }
        EndWord();
        return units;
    }
}
