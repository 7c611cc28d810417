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

    /// <summary>
    /// Rules by their first two syllables (every pinyin rule has two or more: <see cref="CanMatch"/>). Keyed by the pair,
    /// a unit of text meets only the spellings that can start there, not every rule sharing a first syllable.
    /// </summary>
    private readonly Dictionary<long, Candidate[]> _byPair = [];
    private readonly string[] _folded;
    private readonly PinyinSyllables _syllables = PinyinSyllables.Instance;

    private readonly record struct Candidate(int Rule, int[] Ids, string[] Texts);

    public int RuleCount => _folded.Length;

    /// <param name="patterns">Folded patterns (<see cref="TextFolding"/>); a match reports the pattern's index in this list.</param>
    public PinyinMatcher(IReadOnlyList<string> patterns)
    {
        _folded = [.. patterns];
        var byPair = new Dictionary<long, List<Candidate>>();
        for (var r = 0; r < patterns.Count; r++)
            foreach (var spelling in Spellings(patterns[r]))
            {
                if (spelling.Length < 2) continue;
                var ids = Array.ConvertAll(spelling, _syllables.Find);
                if (Array.IndexOf(ids, -1) >= 0) continue;
                var key = Pair(ids[0], ids[1]);
                if (!byPair.TryGetValue(key, out var list)) byPair[key] = list = [];
                list.Add(new Candidate(r, ids, spelling));
            }
        foreach (var (key, list) in byPair) _byPair[key] = [.. list];
    }

    private static long Pair(int first, int second) => ((long)first << 32) | (uint)second;

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

    /// <summary>A unit of text: a Latin word (its folded letters in the letters buffer) or one character with its reading ids.</summary>
    private readonly record struct Unit(int Start, int End, int WordStart, int WordLength, int[]? Ids, char Han);

    /// <summary>Every pinyin occurrence of a pattern in <paramref name="text"/> that <paramref name="ruleApplies"/> accepts, except the pattern's own characters (the automaton finds those).</summary>
    public IReadOnlyList<WordMatch> Find(string text, Func<int, bool>? ruleApplies = null)
    {
        if (_byPair.Count == 0 || text.Length == 0) return [];
        var scan = new Scan(this, text, ruleApplies);
        try
        {
            return scan.Run();
        }
        finally
        {
            scan.Return();
        }
    }

    /// <summary>One pass over one text; the unit and letter buffers are pooled.</summary>
    private sealed class Scan
    {
        private readonly PinyinMatcher _m;
        private readonly string _text;
        private readonly Func<int, bool>? _ruleApplies;
        private readonly Unit[] _units;
        private readonly char[] _letters;
        private int _count;
        private List<WordMatch>? _found;

        public Scan(PinyinMatcher matcher, string text, Func<int, bool>? ruleApplies)
        {
            _m = matcher;
            _text = text;
            _ruleApplies = ruleApplies;
            _units = System.Buffers.ArrayPool<Unit>.Shared.Rent(text.Length);
            _letters = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length);
        }

        public void Return()
        {
            System.Buffers.ArrayPool<Unit>.Shared.Return(_units);
            System.Buffers.ArrayPool<char>.Shared.Return(_letters);
        }

        public IReadOnlyList<WordMatch> Run()
        {
            _count = Units();
            for (var i = 0; i < _count; i++)
            {
                var u = _units[i];
                if (u.Ids is { } ids)
                {
                    foreach (var first in ids) Seconds(i, first, i + 1);
                    continue;
                }
                if (u.WordLength == 0) continue;
                var word = _letters.AsSpan(u.WordStart, u.WordLength);
                for (var n = 1; n <= Math.Min(LongestSyllable, word.Length); n++)
                {
                    var first = _m._syllables.Find(word[..n]);
                    if (first < 0) continue;
                    if (n < word.Length) SecondsInWord(i, first, u.WordStart + n, word.Length - n);
                    else Seconds(i, first, i + 1);
                }
            }
            return _found ?? (IReadOnlyList<WordMatch>)[];
        }

        /// <summary>Second syllables that start unit <paramref name="next"/>.</summary>
        private void Seconds(int start, int first, int next)
        {
            if (next >= _count) return;
            var u = _units[next];
            if (u.Ids is { } ids)
            {
                foreach (var second in ids) Try(start, first, second);
                return;
            }
            if (u.WordLength > 0) SecondsInWord(start, first, u.WordStart, u.WordLength);
        }

        /// <summary>Second syllables that start the letters at <paramref name="from"/> (within one word).</summary>
        private void SecondsInWord(int start, int first, int from, int length)
        {
            var rest = _letters.AsSpan(from, length);
            for (var n = 1; n <= Math.Min(LongestSyllable, rest.Length); n++)
                if (_m._syllables.Find(rest[..n]) is var second and >= 0) Try(start, first, second);
        }

        private void Try(int start, int first, int second)
        {
            if (!_m._byPair.TryGetValue(Pair(first, second), out var candidates)) return;
            foreach (var c in candidates)
            {
                if (_ruleApplies is not null && !_ruleApplies(c.Rule)) continue;
                var last = Match(start, c);
                if (last < 0 || IsOwnCharacters(start, last, _m._folded[c.Rule])) continue;
                if (AlreadyFound(c.Rule, _units[start].Start)) continue; // another spelling, same place
                (_found ??= []).Add(new WordMatch(c.Rule, Positions(start, last)));
            }
        }

        // A loop, not List.Exists with a lambda: the lambda's closure was allocated on every call of Try.
        private bool AlreadyFound(int rule, int position)
        {
            if (_found is null) return false;
            foreach (var f in _found)
                if (f.Rule == rule && f.Positions[0] == position) return true;
            return false;
        }

        /// <summary>The index of the last unit when the syllables are matched from unit <paramref name="start"/> on, whole units only; else -1.</summary>
        private int Match(int start, Candidate c)
        {
            var j = 0;
            for (var i = start; i < _count; i++)
            {
                var u = _units[i];
                if (u.WordLength > 0)
                {
                    var word = _letters.AsSpan(u.WordStart, u.WordLength);
                    var k = 0;
                    while (k < word.Length)
                    {
                        if (j == c.Ids.Length || !word[k..].StartsWith(c.Texts[j], StringComparison.Ordinal)) return -1;
                        k += c.Texts[j++].Length;
                    }
                }
                else if (u.Ids is { } ids && j < c.Ids.Length && Array.IndexOf(ids, c.Ids[j]) >= 0) j++;
                else return -1;
                if (j == c.Ids.Length) return i;
            }
            return -1;
        }

        private bool IsOwnCharacters(int first, int last, string folded)
        {
            if (last - first + 1 != folded.Length) return false;
            for (var i = first; i <= last; i++)
                if (_units[i].WordLength > 0 || _units[i].Han != folded[i - first]) return false;
            return true;
        }

        private int[] Positions(int first, int last)
        {
            var positions = new List<int>();
            for (var i = first; i <= last; i++)
                for (var p = _units[i].Start; p <= _units[i].End; p++)
                    if (TextFolding.Fold(_text[p]) != '\0') positions.Add(p);
            return [.. positions];
        }

        /// <summary>The text as units: Latin words (folded, lower case) and other characters with their reading ids (none: the unit matches nothing).</summary>
        private int Units()
        {
            int n = 0, letters = 0, wordStart = -1, wordLetters = -1, wordEnd = -1;
            void EndWord()
            {
                if (wordStart < 0) return;
                _units[n++] = new Unit(wordStart, wordEnd, wordLetters, letters - wordLetters, null, '\0');
                wordStart = -1;
            }
            for (var p = 0; p < _text.Length; p++)
            {
                var f = TextFolding.Fold(_text[p]);
                if (f == '\0')
                {
                    // Spaces and punctuation end a word; format characters (zero-width) do not split one.
                    if (!char.IsWhiteSpace(_text[p]) && char.GetUnicodeCategory(_text[p]) == System.Globalization.UnicodeCategory.Format) continue;
                    EndWord();
                    continue;
                }
                if (f is >= 'a' and <= 'z')
                {
                    if (wordStart < 0) (wordStart, wordLetters) = (p, letters);
                    _letters[letters++] = f;
                    wordEnd = p;
                    continue;
                }
                EndWord();
                _units[n++] = new Unit(p, p, 0, 0, _m._syllables.OfChar(f), f);
            }
            EndWord();
            return n;
        }
    }
}
