using Parley.Server.Features.Moderation;

namespace Parley.Server.Tests.Moderation;

/// <summary>
/// The automaton against a brute-force search, on dense random rule sets over a small alphabet (shared prefixes,
/// rules inside rules, overlapping occurrences) and a state with more children than the linear scan handles.
/// </summary>
public class WordMatcherTests
{
    [Theory]
    [InlineData(1, 6, 200)]
    [InlineData(2, 3, 50)]
    [InlineData(3, 40, 2000)]
    public void Find_ReportsExactlyTheOccurrencesABruteForceSearchFinds(int seed, int alphabet, int rules)
    {
        var random = new Random(seed);
        // Characters that fold to themselves, so the brute force can search the raw text.
        static char[] Unfolded(int from, int count) =>
            [.. Enumerable.Range(from, 1000).Select(c => (char)c).Where(c => TextFolding.Fold(c) == c).Take(count)];
        var letters = Unfolded(0x4E00, alphabet);
        var wide = Unfolded(0x5000, 45);
        char Letter() => letters[random.Next(letters.Length)];
        var patterns = new HashSet<string>(StringComparer.Ordinal);
        while (patterns.Count < rules)
            patterns.Add(new string([.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => Letter())]));
        // One state with many children: "一" followed by 40 different characters (more than the linear scan's limit).
        for (var i = 0; i < 40; i++) patterns.Add("一" + wide[i]);
        var list = patterns.ToList();
        var matcher = new WordMatcher(list);

        for (var t = 0; t < 50; t++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => random.Next(8) == 0 ? wide[random.Next(wide.Length)] : random.Next(10) == 0 ? '一' : Letter())]);
            var expected = new HashSet<(int, int)>();
            for (var r = 0; r < list.Count; r++)
                for (var at = text.IndexOf(list[r], StringComparison.Ordinal); at >= 0; at = text.IndexOf(list[r], at + 1, StringComparison.Ordinal))
                    expected.Add((r, at));
            var found = matcher.Find(text);
            Assert.All(found, m => Assert.Equal(Enumerable.Range(m.Positions[0], list[m.Rule].Length), m.Positions));
            var actual = found.Select(m => (m.Rule, m.Positions[0])).ToList();
            Assert.True(actual.Count == actual.Distinct().Count(), $"an occurrence was reported twice in '{text}'");
            Assert.True(expected.SetEquals(actual),
                $"'{text}': missing {string.Join(", ", expected.Except(actual).Select(e => list[e.Item1] + "@" + e.Item2))}; extra {string.Join(", ", actual.Except(expected).Select(e => list[e.Item1] + "@" + e.Item2))}");
        }
    }

    [Fact]
    public void StateCount_IsOnePerDistinctPrefix_PlusTheRoot()
    {
        Assert.Equal(1, new WordMatcher([]).StateCount);
        // Prefixes: 违, 违禁, 违禁词, 违法, 禁, 禁止 (six) and the root.
        Assert.Equal(7, new WordMatcher(["违禁词", "违法", "禁止", "违禁"]).StateCount);
    }
}
