using System.Buffers;

namespace Parley.Server.Features.Moderation;

/// <summary>A rule found in a text: which rule, and the indices in the original text of the characters it matched.</summary>
public readonly record struct WordMatch(int Rule, int[] Positions);

/// <summary>
/// Aho–Corasick automaton over folded text (<see cref="TextFolding"/>): one pass over a message finds every rule in it,
/// whatever the number of rules. No maintained .NET matcher is available to us (docs/compliance.md), so it is written
/// here, compact: the root's transitions are a direct 64K table (most characters of a message leave the root at once),
/// the others sorted arrays searched by halves; failure and output links are computed once at build.
/// Immutable after construction: safe to share between request threads.
/// </summary>
public sealed class WordMatcher
{
    private readonly int[] _root = new int[char.MaxValue + 1];
    private readonly char[][] _keys;
    private readonly int[][] _next;
    private readonly int[] _fail;
    private readonly int[] _rule;    // rule ending at this state, or −1
    private readonly int[] _output;  // nearest state on the failure chain that ends a rule, or −1
    private readonly int[] _depth;
    private readonly bool[] _wordStart, _wordEnd;

    public int RuleCount { get; }

    /// <param name="patterns">Folded, distinct, non-empty patterns; a match reports the pattern's index.</param>
    public WordMatcher(IReadOnlyList<string> patterns)
    {
        RuleCount = patterns.Count;
        var children = new List<SortedList<char, int>> { new() };
        var rule = new List<int> { -1 };
        var depth = new List<int> { 0 };
        _wordStart = new bool[patterns.Count];
        _wordEnd = new bool[patterns.Count];
        for (var r = 0; r < patterns.Count; r++)
        {
            var p = patterns[r];
            if (p.Length == 0) throw new ArgumentException("A pattern folds to nothing.", nameof(patterns));
            _wordStart[r] = TextFolding.IsWordUnit(p[0]);
            _wordEnd[r] = TextFolding.IsWordUnit(p[^1]);
            var s = 0;
            foreach (var c in p)
            {
                if (!children[s].TryGetValue(c, out var t))
                {
                    t = children.Count;
                    children[s].Add(c, t);
                    children.Add(new SortedList<char, int>());
                    rule.Add(-1);
                    depth.Add(depth[s] + 1);
                }
                s = t;
            }
            if (rule[s] < 0) rule[s] = r;
        }

        var n = children.Count;
        _keys = new char[n][];
        _next = new int[n][];
        for (var s = 0; s < n; s++)
        {
            _keys[s] = [.. children[s].Keys];
            _next[s] = [.. children[s].Values];
        }
        _rule = [.. rule];
        _depth = [.. depth];
        _fail = new int[n];
        _output = new int[n];
        Array.Fill(_output, -1);
        foreach (var (c, t) in children[0]) _root[c] = t;

        // Breadth-first: a state's failure target is the longest proper suffix of its path that is also a path.
        var queue = new Queue<int>();
        foreach (var t in _next[0]) queue.Enqueue(t);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            var f = _fail[s];
            _output[s] = _rule[f] >= 0 ? f : _output[f];
            for (var i = 0; i < _keys[s].Length; i++)
            {
                var c = _keys[s][i];
                var t = _next[s][i];
                _fail[t] = s == 0 ? 0 : Step(f, c);
                queue.Enqueue(t);
            }
        }
    }

    private int Step(int state, char c)
    {
        while (true)
        {
            if (state == 0) return _root[c];
            var i = Array.BinarySearch(_keys[state], c);
            if (i >= 0) return _next[state][i];
            state = _fail[state];
        }
    }

    /// <summary>Every occurrence of a pattern in <paramref name="text"/> (overlapping ones included) that <paramref name="ruleApplies"/> accepts.</summary>
    public IReadOnlyList<WordMatch> Find(string text, Func<int, bool>? ruleApplies = null)
    {
        if (RuleCount == 0 || text.Length == 0) return [];
        var folded = ArrayPool<char>.Shared.Rent(text.Length);
        var origin = ArrayPool<int>.Shared.Rent(text.Length);
        try
        {
            var length = TextFolding.Fold(text, folded, origin);
            List<WordMatch>? found = null;
            var state = 0;
            for (var i = 0; i < length; i++)
            {
                state = Step(state, folded[i]);
                for (var s = _rule[state] >= 0 ? state : _output[state]; s >= 0; s = _output[s])
                {
                    var r = _rule[s];
                    var start = i - _depth[s] + 1;
                    if (ruleApplies is not null && !ruleApplies(r)) continue;
                    if (!WholeWord(text, origin[start], origin[i], r)) continue;
                    var positions = new int[_depth[s]];
                    for (var k = 0; k < positions.Length; k++) positions[k] = origin[start + k];
                    (found ??= []).Add(new WordMatch(r, positions));
                }
            }
            return found ?? (IReadOnlyList<WordMatch>)[];
        }
        finally
        {
            ArrayPool<char>.Shared.Return(folded);
            ArrayPool<int>.Shared.Return(origin);
        }
    }

    // A rule of Latin letters or digits matches whole words: the text units just outside the match must not be letters.
    private bool WholeWord(string text, int first, int last, int rule) =>
        (!_wordStart[rule] || first == 0 || !TextFolding.IsWordUnit(text[first - 1]))
        && (!_wordEnd[rule] || last == text.Length - 1 || !TextFolding.IsWordUnit(text[last + 1]));
}
