using System.Buffers;
using System.Runtime.InteropServices;

namespace Parley.Server.Features.Moderation;

/// <summary>A rule found in a text: which rule, and the indices in the original text of the characters it matched.</summary>
public readonly record struct WordMatch(int Rule, int[] Positions);

/// <summary>
/// Aho–Corasick automaton over folded text (<see cref="TextFolding"/>): one pass over a message finds every rule in it,
/// whatever the number of rules. No maintained .NET matcher is available to us (docs/compliance.md), so it is written
/// here. The root's transitions are a direct 64K table (most characters of a message leave the root at once). The
/// other states are numbered breadth-first with siblings in character order, so a state's children are consecutive
/// states: a state stores only its first child, and the children's characters are one range of one array, searched
/// by a vectorised scan (or by halves when long). The whole automaton is a handful of flat arrays however many rules
/// it holds, which the garbage collector walks as a few objects, not tens of thousands. Failure and output links are
/// computed once at build. Immutable after construction: safe to share between request threads.
/// </summary>
public sealed class WordMatcher
{
    /// <summary>One state: its first child (the next state's is the end of the range), failure link, rule ending here and nearest output.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct State(int FirstChild, int Fail, int Rule, int Output);

    private const int LinearScanLimit = 16; // children searched by IndexOf up to this many, by halves beyond

    private readonly int[] _root = new int[char.MaxValue + 1];
    private readonly State[] _states;   // one more than the states: the last holds the end of the last range
    private readonly char[] _label;     // the character that leads into each state (the root's is unused)
    private readonly int[] _depth;
    private readonly bool[] _wordStart, _wordEnd;

    public int RuleCount { get; }

    /// <summary>States of the automaton, the root included (for tests and diagnostics).</summary>
    public int StateCount => _states.Length - 1;

    /// <param name="patterns">Folded, distinct, non-empty patterns; a match reports the pattern's index.</param>
    public WordMatcher(IReadOnlyList<string> patterns)
    {
        RuleCount = patterns.Count;
        _wordStart = new bool[patterns.Count];
        _wordEnd = new bool[patterns.Count];

        // 1. The trie in insertion order: one dictionary of edges, parallel lists of label and rule.
        var capacity = 1;
        foreach (var p in patterns) capacity += p.Length;
        var edges = new Dictionary<long, int>(capacity);
        var label = new List<char>(capacity) { '\0' };
        var parent = new List<int>(capacity) { -1 };
        var rule = new List<int>(capacity) { -1 };
        for (var r = 0; r < patterns.Count; r++)
        {
            var p = patterns[r];
            if (p.Length == 0) throw new ArgumentException("A pattern folds to nothing.", nameof(patterns));
            _wordStart[r] = TextFolding.IsWordUnit(p[0]);
            _wordEnd[r] = TextFolding.IsWordUnit(p[^1]);
            var s = 0;
            foreach (var c in p)
            {
                var key = ((long)s << 16) | c;
                if (!edges.TryGetValue(key, out var t))
                {
                    t = label.Count;
                    edges.Add(key, t);
                    label.Add(c);
                    parent.Add(s);
                    rule.Add(-1);
                }
                s = t;
            }
            if (rule[s] < 0) rule[s] = r;
        }

        // 2. Children of each state, in character order: sort the non-root states by (parent, label).
        var n = label.Count;
        var order = new int[n - 1];
        var sortKeys = new long[n - 1];
        for (var t = 1; t < n; t++)
        {
            order[t - 1] = t;
            sortKeys[t - 1] = ((long)parent[t] << 16) | label[t];
        }
        Array.Sort(sortKeys, order);
        var childStart = new int[n + 1]; // in insertion numbering: children of s are order[childStart[s] .. childStart[s + 1])
        foreach (var t in order) childStart[parent[t] + 1]++;
        for (var s = 0; s < n; s++) childStart[s + 1] += childStart[s];

        // 3. Renumber breadth-first: a state's children become consecutive states, and a state's number is smaller
        //    than its children's, so one forward sweep below sees every parent and failure target before it is needed.
        var renumbered = new int[n]; // insertion number of each new state
        var next = 1;
        for (var head = 0; head < n; head++)
        {
            var old = renumbered[head];
            for (var i = childStart[old]; i < childStart[old + 1]; i++) renumbered[next++] = order[i];
        }
        var newOf = new int[n];
        for (var s = 0; s < n; s++) newOf[renumbered[s]] = s;

        _states = new State[n + 1];
        _label = new char[n];
        _depth = new int[n];
        var parentOf = new int[n];
        for (var s = 0; s < n; s++)
        {
            var old = renumbered[s];
            _label[s] = label[old];
            parentOf[s] = s == 0 ? -1 : newOf[parent[old]];
            var first = childStart[old] < childStart[old + 1] ? newOf[order[childStart[old]]] : -1;
            _states[s] = new State(first, 0, rule[old], -1);
        }
        // States without children start their (empty) range where the next state's children start.
        var end = n;
        for (var s = n - 1; s >= 0; s--)
        {
            if (_states[s].FirstChild < 0) _states[s] = _states[s] with { FirstChild = end };
            end = _states[s].FirstChild;
        }
        _states[n] = new State(n, 0, -1, -1);
        for (var t = _states[0].FirstChild; t < _states[1].FirstChild; t++) _root[_label[t]] = t;

        // 4. Failure and output links, breadth-first (= in number order): the failure target of a state is the longest
        //    proper suffix of its path that is also a path.
        for (var s = 1; s < n; s++)
        {
            var p = parentOf[s];
            _depth[s] = _depth[p] + 1;
            var fail = p == 0 ? 0 : Step(_states[p].Fail, _label[s]);
            var output = _states[fail].Rule >= 0 ? fail : _states[fail].Output;
            _states[s] = _states[s] with { Fail = fail, Output = output };
        }
    }

    private int Step(int state, char c)
    {
        while (true)
        {
            if (state == 0) return _root[c];
            var first = _states[state].FirstChild;
            var count = _states[state + 1].FirstChild - first;
            if (count > 0)
            {
                var children = new ReadOnlySpan<char>(_label, first, count);
                var i = count <= LinearScanLimit ? children.IndexOf(c) : children.BinarySearch(c);
                if (i >= 0) return first + i;
            }
            state = _states[state].Fail;
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
                for (var s = _states[state].Rule >= 0 ? state : _states[state].Output; s >= 0; s = _states[s].Output)
                {
                    var r = _states[s].Rule;
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
