using Parley.Server.Features.Organisation;

namespace Parley.Server.Features.Moderation;

/// <summary>
/// Every toneless syllable of the pinyin table, and each Latin letter and digit (rules spell those as themselves), as a
/// small integer; and for each BMP character the ids of its readings. Built once per process, on the first pinyin rule.
/// Ids let <see cref="PinyinMatcher"/> compare syllables and key its index without strings (issue 16: the pinyin pass
/// cost 60 µs and 100 KB per 1 KB message with substrings and string-keyed lookups).
/// </summary>
internal sealed class PinyinSyllables
{
    public static PinyinSyllables Instance => Shared.Value;

    private static readonly Lazy<PinyinSyllables> Shared = new(() => new PinyinSyllables());

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly List<string> _text = [];
    private readonly int[]?[] _ofChar = new int[]?[char.MaxValue + 1];

    private PinyinSyllables()
    {
        _bySpan = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var c = 'a'; c <= 'z'; c++) Intern(c.ToString());
        for (var c = '0'; c <= '9'; c++) Intern(c.ToString());
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var readings = Pinyin.Readings(c);
            if (readings.Count == 0) continue;
            var ids = new int[readings.Count];
            for (var i = 0; i < ids.Length; i++) ids[i] = Intern(readings[i]);
            _ofChar[c] = ids;
        }
    }

    /// <summary>The ids of a character's readings; null when it has none.</summary>
    public int[]? OfChar(char c) => _ofChar[c];

    /// <summary>The id of a syllable, or -1 when no character reads so and it is no single letter or digit.</summary>
    public int Find(ReadOnlySpan<char> syllable) => _bySpan.TryGetValue(syllable, out var id) ? id : -1;

    public int Find(string syllable) => _ids.TryGetValue(syllable, out var id) ? id : -1;

    public string Text(int id) => _text[id];

    private int Intern(string syllable)
    {
        if (_ids.TryGetValue(syllable, out var id)) return id;
        _ids[syllable] = id = _text.Count;
        _text.Add(syllable);
        return id;
    }
}
