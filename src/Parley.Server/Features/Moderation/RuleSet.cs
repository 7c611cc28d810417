using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Operations.Metrics;

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
/// Immutable: a change compiles a new snapshot. Everything is kept in flat arrays, so 10,000 rules add a few dozen
/// objects for the garbage collector besides the rule records themselves.
/// </summary>
public sealed class RuleSnapshot
{
    private readonly WordMatcher _matcher;
    private readonly PinyinMatcher _pinyin;
    private readonly RuleGroups _words;
    private readonly RuleGroups _byPinyin;
    private readonly RuleContext _context;

    /// <summary>A rule's scope and exemptions, parsed once; rules for everyone everywhere have none (null).</summary>
    private sealed record Reach(HashSet<long>? Conversations, bool ExternalOnly, HashSet<long>? ExemptUsers, HashSet<long>? ExemptConversations)
    {
        public static Reach? Of(ModerationRuleRecord r)
        {
            var reach = new Reach(ParseScope(r.ConversationIds), r.Scope == ModerationScopes.External, ParseScope(r.ExemptUserIds), ParseScope(r.ExemptConversationIds));
            return reach is { Conversations: null, ExternalOnly: false, ExemptUsers: null, ExemptConversations: null } ? null : reach;
        }

        public bool Applies(long conversationId, long userId, RuleContext context) =>
            (Conversations is not { } ids || ids.Contains(conversationId))
            && (!ExternalOnly || context.ExternalUsers.Contains(userId))
            && ExemptUsers?.Contains(userId) != true
            && ExemptConversations?.Contains(conversationId) != true;
    }

    /// <summary>Rules grouped by folded pattern, flat: pattern p's rules are <c>Rules[First[p] .. First[p + 1])</c>, each with its reach.</summary>
    private sealed class RuleGroups
    {
        public readonly string[] Patterns;
        public readonly ModerationRuleRecord[] Rules;
        private readonly Reach?[] _reach;
        private readonly int[] _first;

        public RuleGroups(IEnumerable<ModerationRuleRecord> rules)
        {
            var groups = rules.GroupBy(r => r.Folded, StringComparer.Ordinal).ToArray();
            Patterns = new string[groups.Length];
            _first = new int[groups.Length + 1];
            var flat = new List<ModerationRuleRecord>();
            for (var p = 0; p < groups.Length; p++)
            {
                Patterns[p] = groups[p].Key;
                _first[p] = flat.Count;
                flat.AddRange(groups[p]);
            }
            _first[groups.Length] = flat.Count;
            Rules = [.. flat];
            _reach = [.. Rules.Select(Reach.Of)];
        }

        public int First(int pattern) => _first[pattern];

        public int End(int pattern) => _first[pattern + 1];

        public bool Applies(int rule, long conversationId, long userId, RuleContext context) =>
            _reach[rule]?.Applies(conversationId, userId, context) ?? true;

        public bool AnyApplies(int pattern, long conversationId, long userId, RuleContext context)
        {
            for (var k = _first[pattern]; k < _first[pattern + 1]; k++)
                if (Applies(k, conversationId, userId, context)) return true;
            return false;
        }
    }

    public int Count { get; }

    /// <summary>States of the word automaton (for diagnostics).</summary>
    public int States => _matcher.StateCount;

    public RuleSnapshot(IReadOnlyList<ModerationRuleRecord> rules, RuleContext? context = null)
    {
        Count = rules.Count;
        _context = context ?? RuleContext.Empty;
        _words = new RuleGroups(rules);
        _matcher = new WordMatcher(_words.Patterns);
        _byPinyin = new RuleGroups(rules.Where(r => r.MatchesPinyin));
        _pinyin = new PinyinMatcher(_byPinyin.Patterns);
    }

    public static string FormatScope(IReadOnlyCollection<long>? ids) =>
        ids is null || ids.Count == 0 ? "" : JsonSerializer.Serialize(ids.Distinct().Order());

    public static HashSet<long>? ParseScope(string stored) =>
        stored.Length == 0 ? null : [.. JsonSerializer.Deserialize<long[]>(stored) ?? []];

    /// <summary>
    /// Matches <paramref name="text"/>, written by <paramref name="userId"/> (0: nobody in particular) in
    /// <paramref name="conversationId"/> (0: outside any), against the rules that apply there.
    /// </summary>
    public RuleOutcome Evaluate(string text, long conversationId, long userId = 0)
    {
        if (Count == 0 || _context.ExemptUsers.Contains(userId) || _context.ExemptConversations.Contains(conversationId))
            return RuleOutcome.None with { Text = text };
        var context = _context;
        var found = _matcher.Find(text, p => _words.AnyApplies(p, conversationId, userId, context));
        var byPinyin = _pinyin.RuleCount == 0 ? []
            : _pinyin.Find(text, p => _byPinyin.AnyApplies(p, conversationId, userId, context));
        if (found.Count == 0 && byPinyin.Count == 0) return RuleOutcome.None with { Text = text };
        var matches = new List<(ModerationRuleRecord, string)>();
        char[]? masked = null;
        foreach (var (m, groups) in found.Select(m => (m, _words)).Concat(byPinyin.Select(m => (m, _byPinyin))))
        {
            var matched = string.Concat(m.Positions.Select(i => text[i]));
            for (var k = groups.First(m.Rule); k < groups.End(m.Rule); k++)
            {
                if (!groups.Applies(k, conversationId, userId, context)) continue;
                var rule = groups.Rules[k];
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
/// The current rules of this node. Compiled on first use; after a change, compiled again once, off the message path:
/// a change made through this node is compiled by the request that made it (<see cref="ReloadAsync"/>, after its
/// commit, before the answer), and its system event, registered with <see cref="Expect"/> inside the change's
/// transaction, is then skipped by the log reader (<see cref="RuleChangesFromLog"/>); a change made elsewhere (another
/// node, the CLI) is compiled by the log reader. Texts screened meanwhile use the previous snapshot; they never wait
/// for a compilation except the very first. Concurrent reloads coalesce into one compilation that includes them all.
/// Filters read it on request threads without locking.
/// </summary>
public sealed class RuleSet(ModerationStore store, ParleyMetrics metrics, ILogger<RuleSet> logger) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ConcurrentDictionary<long, byte> _expected = new();
    private volatile RuleSnapshot? _current;
    private long _changes;   // changes announced so far
    private long _compiled;  // changes the current snapshot includes (guarded by _loading)

    public async ValueTask<RuleSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } current) return current;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            return _current ?? await CompileAsync();
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// After a committed change: compiles the rules again unless a compilation that started after this call already
    /// did (it read the change). Not cancellable, and a failure leaves no snapshot (so the next text compiles): the
    /// change is committed either way.
    /// </summary>
    public async Task ReloadAsync()
    {
        var change = Interlocked.Increment(ref _changes);
        await _loading.WaitAsync(CancellationToken.None);
        try
        {
            if (Volatile.Read(ref _compiled) < change) await CompileAsync();
        }
        catch (Exception e)
        {
            // The change is committed, so its request must not fail; the compilation left no snapshot, so the next
            // text compiles again and meets the error itself (the database is likely down for it too).
            ModerationLog.ReloadFailed(logger, e);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// Called inside the transaction that logs a rule change made on this node: the log reader will skip this event,
    /// because the request compiles the change itself.
    /// </summary>
    public void Expect(long systemEventId) => _expected.TryAdd(systemEventId, 0);

    /// <summary>The change announced with <see cref="Expect"/> was not committed.</summary>
    public void Forget(long systemEventId) => _expected.TryRemove(systemEventId, out _);

    /// <summary>Rule changes read from the log: compiles once for the batch, unless this node made (and compiled) every one.</summary>
    public Task SeenAsync(IEnumerable<long> systemEventIds)
    {
        var foreign = false;
        foreach (var id in systemEventIds) foreign |= !_expected.TryRemove(id, out _);
        return foreign ? ReloadAsync() : Task.CompletedTask;
    }

    // Under _loading. Reads the change counter before the database, so every change announced before it is included.
    private async Task<RuleSnapshot> CompileAsync()
    {
        var changes = Volatile.Read(ref _changes);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var snapshot = new RuleSnapshot(await store.ListAsync(), await store.ContextAsync());
            _current = snapshot;
            Volatile.Write(ref _compiled, changes);
            return snapshot;
        }
        catch
        {
            _current = null; // the next text compiles again rather than keep rules older than a committed change
            throw;
        }
        finally
        {
            metrics.RuleCompilations.Inc();
            metrics.RuleCompilationSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    public void Dispose() => _loading.Dispose();
}
