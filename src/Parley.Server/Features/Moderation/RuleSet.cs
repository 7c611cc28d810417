using System.Text.Json;
using Parley.Contracts;

namespace Parley.Server.Features.Moderation;

/// <summary>What the rules make of one text: the rules that matched, and the text as it may be stored.</summary>
public sealed record RuleOutcome(string Text, IReadOnlyList<(ModerationRuleRecord Rule, string Matched)> Matches)
{
    public static readonly RuleOutcome None = new("", []);

    public bool Blocked => Matches.Any(m => m.Rule.Action == ModerationActions.Block);

    public IEnumerable<ModerationRuleRecord> Flagging => Matches.Select(m => m.Rule).Where(r => r.Action == ModerationActions.Flag).DistinctBy(r => r.Id);
}

/// <summary>
/// The rules compiled for matching: one automaton over the distinct folded patterns, each pattern knowing its rules
/// (a pattern may carry different actions in different conversations). Immutable: a change compiles a new snapshot.
/// </summary>
public sealed class RuleSnapshot
{
    private readonly WordMatcher _matcher;
    private readonly ModerationRuleRecord[][] _rulesOfPattern;
    private readonly Dictionary<long, HashSet<long>?> _scope;

    public int Count { get; }

    public RuleSnapshot(IReadOnlyList<ModerationRuleRecord> rules)
    {
        Count = rules.Count;
        var byPattern = rules.GroupBy(r => r.Folded, StringComparer.Ordinal).ToArray();
        _matcher = new WordMatcher([.. byPattern.Select(g => g.Key)]);
        _rulesOfPattern = [.. byPattern.Select(g => g.ToArray())];
        _scope = rules.ToDictionary(r => r.Id, r => ParseScope(r.ConversationIds));
    }

    public static string FormatScope(IReadOnlyCollection<long>? ids) =>
        ids is null || ids.Count == 0 ? "" : JsonSerializer.Serialize(ids.Distinct().Order());

    public static HashSet<long>? ParseScope(string stored) =>
        stored.Length == 0 ? null : [.. JsonSerializer.Deserialize<long[]>(stored) ?? []];

    private bool Applies(ModerationRuleRecord rule, long conversationId) =>
        _scope[rule.Id] is not { } ids || ids.Contains(conversationId);

    /// <summary>Matches <paramref name="text"/> against the rules that apply in <paramref name="conversationId"/> (0: outside any).</summary>
    public RuleOutcome Evaluate(string text, long conversationId)
    {
        if (Count == 0) return RuleOutcome.None with { Text = text };
        var found = _matcher.Find(text, p => _rulesOfPattern[p].Any(r => Applies(r, conversationId)));
        if (found.Count == 0) return RuleOutcome.None with { Text = text };
        var matches = new List<(ModerationRuleRecord, string)>();
        char[]? masked = null;
        foreach (var m in found)
        {
            var matched = string.Concat(m.Positions.Select(i => text[i]));
            foreach (var rule in _rulesOfPattern[m.Rule].Where(r => Applies(r, conversationId)))
            {
                matches.Add((rule, matched));
                if (rule.Action != ModerationActions.Mask) continue;
                masked ??= text.ToCharArray();
                foreach (var i in m.Positions) masked[i] = '*';
            }
        }
        return new RuleOutcome(masked is null ? text : new string(masked), matches);
    }
}

/// <summary>
/// The current rules of this node, compiled on first use and again after any change (made here, or on another node
/// and seen through <see cref="RuleChangesFromLog"/>). Filters read it on request threads without locking.
/// </summary>
public sealed class RuleSet(ModerationStore store) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile RuleSnapshot? _current;
    private int _generation;

    public async ValueTask<RuleSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } current) return current;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } loaded) return loaded;
            var generation = Volatile.Read(ref _generation);
            var snapshot = new RuleSnapshot(await store.ListAsync());
            // A change committed while this was loading may be missing from it: use it once, but load again next time.
            if (generation == Volatile.Read(ref _generation)) _current = snapshot;
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _current = null;
    }

    public void Dispose() => _loading.Dispose();
}
