using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Messages;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Moderation;

/// <summary>
/// Sensitive-word rules and the review of flagged content. Callers hold compliance.read (lists, tests) or
/// compliance.manage (changes, reviews): the endpoints require it. Every change is written with its system event, so
/// the audit log shows who changed which rule; this node compiles the change before answering and every other node
/// when it reads the event (<see cref="RuleSet"/>, <see cref="RuleChangesFromLog"/>).
/// </summary>
public sealed class ModerationService(ModerationStore store, RuleSet rules, WriteQueue writer, MessageService messages, IOptions<ModerationOptions> options)
{
    public const string Dismiss = "dismiss";
    public const string Remove = "remove";

    private ModerationOptions O => options.Value;

    public async Task<IReadOnlyList<ModerationRuleDto>> ListAsync() => [.. (await store.ListAsync()).Select(ToDto)];

    public async Task<string> ExportAsync(string? action)
    {
        if (action is not null) ValidAction(action);
        var lines = (await store.ListAsync()).Where(r => action is null || r.Action == action).Select(r => r.Pattern).Distinct();
        return string.Concat(lines.Select(l => l + "\n"));
    }

    public async Task<ModerationRuleDto> CreateAsync(CreateModerationRuleRequest request, Actor actor)
    {
        var (pattern, folded) = ValidPattern(request.Pattern, "pattern");
        var action = ValidAction(request.Action);
        var conversationIds = ValidIds(request.ConversationIds, "conversationIds");
        var scope = request.Scope ?? (conversationIds.Count > 0 ? ModerationScopes.Conversations : ModerationScopes.All);
        if (!ModerationScopes.Every.Contains(scope))
            throw ParleyException.Invalid("scope", "scope must be 'all', 'conversations' or 'external'.");
        if (scope == ModerationScopes.Conversations && conversationIds.Count == 0)
            throw ParleyException.Invalid("conversationIds", "A rule scoped to conversations needs their ids.");
        if (scope == ModerationScopes.All && conversationIds.Count > 0)
            throw ParleyException.Invalid("scope", "A rule for all conversations takes no conversationIds.");
        if (request.Pinyin && !PinyinMatcher.CanMatch(folded))
            throw ParleyException.Invalid("pinyin", "Pinyin matching needs a pattern with Chinese characters and at least two syllables.");
        var record = new ModerationRuleRecord(0, pattern, folded, action, RuleSnapshot.FormatScope(conversationIds), actor.UserId, 0, scope,
            RuleSnapshot.FormatScope(ValidIds(request.ExemptUserIds, "exemptUserIds")),
            RuleSnapshot.FormatScope(ValidIds(request.ExemptConversationIds, "exemptConversationIds")), request.Pinyin ? 1 : 0);
        var rule = await ChangeAsync((w, logged) =>
        {
            if (ModerationStore.Exists(w, folded, scope, record.ConversationIds))
                throw ParleyException.Conflict("A rule with this pattern (after normalisation) and scope exists.");
            RequireRoom(w, 1);
            var id = ModerationStore.Insert(w, record);
            logged(SystemLog.Append(w, actor, SystemEventTypes.ModerationRuleAdded, id, new
            {
                pattern, action, scope, conversationIds = request.ConversationIds, exemptUserIds = request.ExemptUserIds,
                exemptConversationIds = request.ExemptConversationIds, pinyin = request.Pinyin,
            }));
            return ModerationStore.Get(w, id)!;
        });
        return ToDto(rule);
    }

    public async Task<ModerationExemptionsDto> ExemptionsAsync()
    {
        var context = await store.ContextAsync();
        return new ModerationExemptionsDto([.. context.ExemptUsers.Order()], [.. context.ExemptConversations.Order()]);
    }

    /// <summary>Replaces the exemptions from every rule; audited as <c>moderation.exemptions_changed</c>.</summary>
    public async Task<ModerationExemptionsDto> SetExemptionsAsync(SetModerationExemptionsRequest request, Actor actor)
    {
        var users = ValidIds(request.UserIds, "userIds");
        var conversations = ValidIds(request.ConversationIds, "conversationIds");
        await ChangeAsync((w, logged) =>
        {
            ModerationStore.SetExemptions(w, users, conversations, actor.UserId);
            logged(SystemLog.Append(w, actor, SystemEventTypes.ModerationExemptionsChanged, null, new { userIds = users, conversationIds = conversations }));
            return 0;
        });
        return await ExemptionsAsync();
    }

    private static List<long> ValidIds(IReadOnlyList<long>? ids, string field)
    {
        if (ids is { Count: > 100 } || ids?.Any(id => id <= 0) == true)
            throw ParleyException.Invalid(field, $"{field} must be at most 100 positive ids.");
        return [.. (ids ?? []).Distinct().Order()];
    }

    public async Task<ImportModerationRulesResult> ImportAsync(ImportModerationRulesRequest request, Actor actor)
    {
        var action = ValidAction(request.Action);
        var lines = (request.Text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#')).ToArray();
        if (lines.Length == 0) throw ParleyException.Invalid("text", "Give one pattern per line.");
        if (lines.Length > 10_000) throw ParleyException.Invalid("text", "Import at most 10,000 patterns at once.");
        var patterns = lines.Select((l, i) => ValidPattern(l, $"text (line {i + 1})")).DistinctBy(p => p.Folded).ToArray();
        // One event and one compilation for the whole import, whatever its size.
        return await ChangeAsync((w, logged) =>
        {
            var fresh = patterns.Where(p => !ModerationStore.Exists(w, p.Folded, ModerationScopes.All, "")).ToArray();
            RequireRoom(w, fresh.Length);
            foreach (var (pattern, folded) in fresh) ModerationStore.Insert(w, new ModerationRuleRecord(0, pattern, folded, action, "", actor.UserId, 0));
            if (fresh.Length > 0)
                logged(SystemLog.Append(w, actor, SystemEventTypes.ModerationRuleAdded, null, new { imported = fresh.Length, action }));
            return new ImportModerationRulesResult(fresh.Length, lines.Length - fresh.Length);
        });
    }

    public async Task DeleteAsync(long id, Actor actor)
    {
        await ChangeAsync((w, logged) =>
        {
            var rule = ModerationStore.Get(w, id) ?? throw ParleyException.NotFound("The rule");
            ModerationStore.Delete(w, id);
            logged(SystemLog.Append(w, actor, SystemEventTypes.ModerationRuleRemoved, id, new { rule.Pattern, rule.Action }));
            return 0;
        });
    }

    public async Task<ModerationTestResult> TestAsync(ModerationTestRequest request)
    {
        if (request.Text is not { Length: > 0 and <= 16_000 } text)
            throw ParleyException.Invalid("text", "Give a text of 1 to 16,000 characters to test.");
        var outcome = (await rules.GetAsync()).Evaluate(text, request.ConversationId ?? 0, request.UserId ?? 0);
        var verdict = outcome.Blocked ? ModerationActions.Block
            : outcome.Text != text ? ModerationActions.Mask
            : outcome.Matches.Count > 0 ? ModerationActions.Flag
            : "accept";
        return new ModerationTestResult(verdict, outcome.Blocked ? text : outcome.Text,
            [.. outcome.Matches.Select(m => new ModerationTestMatch(m.Rule.Id, m.Rule.Pattern, m.Rule.Action, m.Matched))]);
    }

    public async Task<IReadOnlyList<ModerationFlagDto>> FlagsAsync(long? before, bool open, int? limit)
    {
        var rows = await store.FlagsAsync(before, open, Paging.Limit(limit));
        var patterns = (await store.ListAsync()).ToDictionary(r => r.Id, r => r.Pattern);
        return [.. rows.Select(f => ToDto(f, patterns))];
    }

    public async Task ReviewAsync(long flagId, ReviewFlagRequest request, Actor actor)
    {
        if (request.Decision is not (Dismiss or Remove))
            throw ParleyException.Invalid("decision", "decision must be 'dismiss' or 'remove'.");
        if (request.Note is { Length: > 1000 }) throw ParleyException.Invalid("note", "The note must be at most 1,000 characters.");
        long? messageId = null;
        void Record(WriteContext w)
        {
            var flag = ModerationStore.FlagEvent(w, flagId) ?? throw ParleyException.NotFound("The flag");
            if (!ModerationStore.Review(w, flagId, request.Decision, actor.UserId, request.Note))
                throw ParleyException.Conflict("The flag was already reviewed.");
            SystemLog.Append(w, actor, SystemEventTypes.ModerationFlagReviewed, flagId,
                new { decision = request.Decision, note = request.Note, messageId = FlagData.Read(flag.Data).MessageId }, flag.ConversationId);
        }
        if (request.Decision == Remove)
        {
            messageId = await writer.ExecuteAsync(w => ModerationStore.FlagEvent(w, flagId) is { } f ? FlagData.Read(f.Data).MessageId : null);
        }
        if (messageId is { } message && actor.UserId is { } reviewer)
            await messages.ModerationDeleteAsync(message, reviewer, Record);
        else
            await writer.ExecuteAsync(w => { Record(w); return 0; });
    }

    /// <summary>
    /// Runs a rule change in the group commit, then compiles it on this node before answering (one compilation per
    /// change, however many rules it adds). The change passes the id of the system event it logs to
    /// <c>logged</c>: announced to <see cref="RuleSet"/> inside the transaction, so this node's log reader skips it,
    /// and withdrawn if the write fails (SQLite hands a rolled-back id to the next event).
    /// </summary>
    private async Task<T> ChangeAsync<T>(Func<WriteContext, Action<long>, T> change)
    {
        var events = new ConcurrentQueue<long>();
        T result;
        try
        {
            result = await writer.ExecuteAsync(w => change(w, id =>
            {
                rules.Expect(id);
                events.Enqueue(id);
            }));
        }
        catch
        {
            foreach (var id in events) rules.Forget(id);
            throw;
        }
        if (!events.IsEmpty) await rules.ReloadAsync();
        return result;
    }

    private void RequireRoom(WriteContext w, int adding)
    {
        if (ModerationStore.Count(w) + adding > O.MaxRules)
            throw new ParleyException(409, ErrorCodes.Conflict, $"At most {O.MaxRules:N0} rules can be kept (Parley:Moderation:MaxRules).");
    }

    private (string Pattern, string Folded) ValidPattern(string? pattern, string field)
    {
        var p = pattern?.Trim();
        if (string.IsNullOrEmpty(p) || p.Length > O.MaxPatternLength || p.Any(char.IsControl))
            throw ParleyException.Invalid(field, $"A pattern is 1–{O.MaxPatternLength} characters with no control characters.");
        var folded = TextFolding.Fold(p);
        if (folded.Length == 0) throw ParleyException.Invalid(field, "A pattern needs letters, digits or ideographs: spaces and punctuation are ignored when matching.");
        return (p, folded);
    }

    private static string ValidAction(string? action) =>
        action is not null && ModerationActions.All.Contains(action)
            ? action
            : throw ParleyException.Invalid("action", "action must be 'block', 'mask' or 'flag'.");

    private static ModerationRuleDto ToDto(ModerationRuleRecord r) =>
        new(r.Id, r.Pattern, r.Action, RuleSnapshot.ParseScope(r.ConversationIds)?.Order().ToList(), r.CreatedBy, UnixMs.To(r.CreatedAt), r.Scope,
            RuleSnapshot.ParseScope(r.ExemptUserIds)?.Order().ToList(), RuleSnapshot.ParseScope(r.ExemptConversationIds)?.Order().ToList(), r.MatchesPinyin);

    private static ModerationFlagDto ToDto(FlagRow f, IReadOnlyDictionary<long, string> patterns)
    {
        var data = FlagData.Read(f.Data);
        var review = f.Decision is null ? null : new ModerationReviewDto(f.Decision, f.ReviewerId, UnixMs.To(f.ReviewedAt ?? 0), f.Note);
        return new ModerationFlagDto(f.Id, UnixMs.To(f.CreatedAt), f.ActorId, f.UserName, f.ConversationId, f.ConversationKind, f.ConversationName,
            data.MessageId, data.Kind, data.Filter, data.Reason, data.Filter == SensitiveWordFilter.FilterName ? RulePatterns(data.Reason, patterns) : [],
            data.MessageId is null ? null : f.Text, review);
    }

    /// <summary>The patterns of the rules named in a flag's reason ("rules 3,7"); rules deleted since are left out.</summary>
    private static string[] RulePatterns(string reason, IReadOnlyDictionary<long, string> patterns) =>
        [.. reason.Replace(SensitiveWordFilter.ReasonPrefix, "", StringComparison.Ordinal).Split(',')
            .Select(id => long.TryParse(id, out var v) && patterns.TryGetValue(v, out var p) ? p : null).OfType<string>()];

    /// <summary>The JSON a <c>content.flagged</c> event carries (Platform/Pipeline/ScreenedText).</summary>
    private sealed record FlagData(string Kind, string Filter, string Reason, long? MessageId)
    {
        public static FlagData Read(string? json) =>
            (json is null ? null : JsonSerializer.Deserialize<FlagData>(json, JsonDefaults.Options)) ?? new FlagData("", "", "", null);
    }
}
