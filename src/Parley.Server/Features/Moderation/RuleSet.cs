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
/// (a pattern may carry different actions in different conversations), and a pinyin matcher over the patterns of the
/// rules that ask for it. Who a rule applies to is decided per text: global exemptions first (an exempt author or
/// conversation is never screened), then each rule's scope (conversations, external authors) and its own exemptions.
/// Immutable: a change compiles a new snapshot.
/// </summary>
public sealed class RuleSnapshot
{
    private readonly WordMatcher _matcher;
    private readonly PinyinMatcher _pinyin;
    private readonly ModerationRuleRecord[][] _rulesOfPattern;
    private readonly ModerationRuleRecord[][] _rulesOfPinyin;
    private readonly Dictionary<long, Reach> _reach;
    private readonly RuleContext _context;

    /// <summary>A rule's scope and exemptions, parsed once.</summary>
    private sealed record Reach(HashSet<long>? Conversations, bool ExternalOnly, HashSet<long>? ExemptUsers, HashSet<long>? ExemptConversations);

    public int Count { get; }

    public RuleSnapshot(IReadOnlyList<ModerationRuleRecord> rules, RuleContext? context = null)
    {
        Count = rules.Count;
        _context = context ?? RuleContext.Empty;
        var byPattern = rules.GroupBy(r => r.Folded, StringComparer.Ordinal).ToArray();
        _matcher = new WordMatcher([.. byPattern.Select(g => g.Key)]);
        _rulesOfPattern = [.. byPattern.Select(g => g.ToArray())];
        var byPinyin = rules.Where(r => r.MatchesPinyin).GroupBy(r => r.Folded, StringComparer.Ordinal).ToArray();
        _pinyin = new PinyinMatcher([.. byPinyin.Select(g => g.Key)]);
        _rulesOfPinyin = [.. byPinyin.Select(g => g.ToArray())];
        _reach = rules.ToDictionary(r => r.Id, r => new Reach(ParseScope(r.ConversationIds), r.Scope == ModerationScopes.External,
            ParseScope(r.ExemptUserIds), ParseScope(r.ExemptConversationIds)));
    }

    public static string FormatScope(IReadOnlyCollection<long>? ids) =>
        ids is null || ids.Count == 0 ? "" : JsonSerializer.Serialize(ids.Distinct().Order());

    public static HashSet<long>? ParseScope(string stored) =>
        stored.Length == 0 ? null : [.. JsonSerializer.Deserialize<long[]>(stored) ?? []];

    private bool Applies(ModerationRuleRecord rule, long conversationId, long userId)
    {
        var reach = _reach[rule.Id];
        return (reach.Conversations is not { } ids || ids.Contains(conversationId))
            && (!reach.ExternalOnly || _context.ExternalUsers.Contains(userId))
            && reach.ExemptUsers?.Contains(userId) != true
            && reach.ExemptConversations?.Contains(conversationId) != true;
    }

    /// <summary>
    /// Matches <paramref name="text"/>, written by <paramref name="userId"/> (0: nobody in particular) in
    /// <paramref name="conversationId"/> (0: outside any), against the rules that apply there.
    /// </summary>
    public RuleOutcome Evaluate(string text, long conversationId, long userId = 0)
    {
        if (Count == 0 || _context.ExemptUsers.Contains(userId) || _context.ExemptConversations.Contains(conversationId))
            return RuleOutcome.None with { Text = text };
        var found = _matcher.Find(text, p => _rulesOfPattern[p].Any(r => Applies(r, conversationId, userId)));
        var byPinyin = _pinyin.RuleCount == 0 ? []
            : _pinyin.Find(text, p => _rulesOfPinyin[p].Any(r => Applies(r, conversationId, userId)));
        if (found.Count == 0 && byPinyin.Count == 0) return RuleOutcome.None with { Text = text };
        var matches = new List<(ModerationRuleRecord, string)>();
        char[]? masked = null;
        foreach (var (m, rulesOf) in found.Select(m => (m, _rulesOfPattern)).Concat(byPinyin.Select(m => (m, _rulesOfPinyin))))
        {
            var matched = string.Concat(m.Positions.Select(i => text[i]));
            foreach (var rule in rulesOf[m.Rule].Where(r => Applies(r, conversationId, userId)))
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
            var snapshot = new RuleSnapshot(await store.ListAsync(), await store.ContextAsync());
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
