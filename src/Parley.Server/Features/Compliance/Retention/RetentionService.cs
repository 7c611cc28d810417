using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Messages;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.Retention;

/// <summary>
/// Retention policies, legal holds and the purge (issue 16). The narrowest policy decides (conversation, then its
/// kind, then global); a conversation or sender under an active legal hold is never purged. Every change and every
/// run is a system event, so the audit log shows who changed what and what each purge removed.
/// </summary>
public sealed class RetentionService(
    Database database, WriteQueue writer, MessageService messages, JobLease lease, IOptions<ComplianceOptions> options,
    TimeProvider time, ILogger<RetentionService> logger)
{
    public const string JobName = "retention-purge";
    public const int MaxDays = 36_500;
    private static readonly string[] Kinds = [ConversationKinds.Direct, ConversationKinds.Group, ConversationKinds.Channel];

    public async Task<RetentionStateDto> StateAsync()
    {
        await using var c = await database.OpenAsync();
        var policies = (await RetentionStore.PoliciesAsync(c)).Select(p => new RetentionPolicyDto(p.Scope, p.Days, p.UpdatedBy, UnixMs.To(p.UpdatedAt), p.ConversationName)).ToList();
        var last = await RetentionStore.LastRunAsync(c);
        return new RetentionStateDto(policies, last is null ? null : JsonSerializer.Deserialize<RetentionRunDto>(last, JsonDefaults.Options));
    }

    public async Task<RetentionPolicyDto> SetPolicyAsync(string scope, SetRetentionPolicyRequest request, Actor actor)
    {
        scope = ValidScope(scope);
        if (request.Days is < 1 or > MaxDays)
            throw ParleyException.Invalid("days", $"days must be 1–{MaxDays}, or null to keep forever.");
        return await writer.ExecuteAsync(w =>
        {
            RequireConversationOf(w, scope);
            RetentionStore.SetPolicy(w, scope, request.Days, actor.UserId);
            SystemLog.Append(w, actor, SystemEventTypes.RetentionPolicyChanged, null, new { scope, days = request.Days, keepForever = request.Days is null });
            return new RetentionPolicyDto(scope, request.Days, actor.UserId, UnixMs.To(w.NowMs));
        });
    }

    public async Task RemovePolicyAsync(string scope, Actor actor)
    {
        scope = ValidScope(scope);
        await writer.ExecuteAsync(w =>
        {
            if (!RetentionStore.DeletePolicy(w, scope)) throw ParleyException.NotFound("The policy");
            SystemLog.Append(w, actor, SystemEventTypes.RetentionPolicyChanged, null, new { scope, days = (int?)null, inherit = true });
            return 0;
        });
    }

    public async Task<IReadOnlyList<LegalHoldDto>> HoldsAsync(bool activeOnly)
    {
        await using var c = await database.OpenAsync();
        return (await RetentionStore.HoldsAsync(c, activeOnly)).Select(ToDto).ToList();
    }

    public async Task<LegalHoldDto> PlaceHoldAsync(PlaceLegalHoldRequest request, Actor actor)
    {
        if (request.TargetType is not { } type || !LegalHoldTargets.All.Contains(type))
            throw ParleyException.Invalid("targetType", "targetType must be 'user' or 'conversation'.");
        if (request.TargetId is not { } target || target <= 0)
            throw ParleyException.Invalid("targetId", "targetId must be a positive id.");
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500) throw ParleyException.Invalid("reason", "Give a reason of 1 to 500 characters (a matter or case name).");
        return await writer.ExecuteAsync(w =>
        {
            if (!RetentionStore.TargetExists(w, type, target)) throw ParleyException.NotFound(type == LegalHoldTargets.User ? "The user" : "The conversation");
            if (RetentionStore.ActiveHoldExists(w, type, target)) throw ParleyException.Conflict("An active legal hold already covers this target.");
            var id = RetentionStore.InsertHold(w, type, target, reason, actor.UserId);
            SystemLog.Append(w, actor, SystemEventTypes.LegalHoldPlaced, id, new { targetType = type, targetId = target, reason },
                type == LegalHoldTargets.Conversation ? target : null);
            return ToDto(RetentionStore.Hold(w, id)!);
        });
    }

    public async Task<LegalHoldDto> ReleaseHoldAsync(long id, Actor actor) =>
        await writer.ExecuteAsync(w =>
        {
            var hold = RetentionStore.Hold(w, id) ?? throw ParleyException.NotFound("The legal hold");
            if (hold.ReleasedAt is not null) throw ParleyException.Conflict("This legal hold was already released.");
            RetentionStore.ReleaseHold(w, id, actor.UserId);
            SystemLog.Append(w, actor, SystemEventTypes.LegalHoldReleased, id, new { hold.TargetType, hold.TargetId, hold.Reason });
            return ToDto(RetentionStore.Hold(w, id)!);
        });

    /// <summary>Runs the purge now for a compliance user; 409 while another node is purging.</summary>
    public async Task<RetentionRunDto> RunNowAsync(Actor actor, CancellationToken cancellationToken) =>
        await RunAsync("manual", actor, cancellationToken)
        ?? throw ParleyException.Conflict("A purge is running on another node; try again when it ends.");

    /// <summary>
    /// Purges what is due, in batches through the writer, on the node that holds the job's lease. Null when another
    /// node is purging now. The run stops after Parley:Compliance:Retention:MaxMessagesPerRun (Complete = false); the
    /// next run goes on from there.
    /// </summary>
    public async Task<RetentionRunDto?> RunAsync(string trigger, Actor actor, CancellationToken cancellationToken = default)
    {
        var o = options.Value.Retention;
        if (!await lease.TryAcquireAsync(JobName, TimeSpan.FromMinutes(10))) return null;
        try
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            List<RetentionStore.PolicyRow> policies;
            List<RetentionStore.HoldRow> holds;
            List<(long Id, string Kind)> conversations;
            await using (var c = await database.OpenAsync(cancellationToken))
            {
                policies = await RetentionStore.PoliciesAsync(c);
                holds = await RetentionStore.HoldsAsync(c, activeOnly: true);
                conversations = await RetentionStore.ConversationsAsync(c);
            }
            var byScope = policies.ToDictionary(p => p.Scope, p => p.Days);
            var heldConversations = holds.Where(h => h.TargetType == LegalHoldTargets.Conversation).Select(h => h.TargetId).ToHashSet();
            var heldSenders = holds.Where(h => h.TargetType == LegalHoldTargets.User).Select(h => h.TargetId).Distinct().ToList();
            int purged = 0, files = 0, touched = 0, held = 0;
            var complete = true;
            foreach (var (id, kind) in conversations)
            {
                if (Effective(byScope, id, kind) is not { } days) continue;
                if (heldConversations.Contains(id)) { held++; continue; }
                var cutoff = now - days * 86_400_000L;
                var any = false;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (purged >= o.MaxMessagesPerRun) { complete = false; break; }
                    List<long> due;
                    await using (var c = await database.OpenAsync(cancellationToken))
                        due = await RetentionStore.DueAsync(c, id, cutoff, heldSenders, Math.Min(o.BatchSize, o.MaxMessagesPerRun - purged));
                    if (due.Count == 0) break;
                    var (m, f) = await messages.PurgeAsync(id, due);
                    purged += m; files += f; any = true;
                    if (m == 0) break; // raced with another purge of the same rows: nothing more to do here
                }
                if (any) touched++;
                if (!complete) break;
            }
            var run = new RetentionRunDto(time.GetUtcNow(), trigger, purged, files, touched, held, complete);
            await writer.ExecuteAsync(w => SystemLog.Append(w, actor, SystemEventTypes.RetentionPurged, null, run));
            logger.LogInformation("Retention purge ({Trigger}): {Messages} messages, {Files} files in {Conversations} conversations; {Held} held",
                trigger, purged, files, touched, held);
            return run;
        }
        finally
        {
            await lease.ReleaseAsync(JobName);
        }
    }

    /// <summary>The days that apply to a conversation: its own policy, else its kind's, else the global one; null keeps forever.</summary>
    public static int? Effective(IReadOnlyDictionary<string, int?> byScope, long conversationId, string kind) =>
        byScope.TryGetValue(RetentionScopes.ConversationPrefix + conversationId.ToString(CultureInfo.InvariantCulture), out var own) ? own
        : byScope.TryGetValue(RetentionScopes.KindPrefix + kind, out var ofKind) ? ofKind
        : byScope.TryGetValue(RetentionScopes.Global, out var global) ? global
        : null;

    private static string ValidScope(string scope)
    {
        scope = scope.Trim().ToLowerInvariant();
        if (scope == RetentionScopes.Global) return scope;
        if (scope.StartsWith(RetentionScopes.KindPrefix, StringComparison.Ordinal) && Kinds.Contains(scope[RetentionScopes.KindPrefix.Length..])) return scope;
        if (scope.StartsWith(RetentionScopes.ConversationPrefix, StringComparison.Ordinal)
            && long.TryParse(scope[RetentionScopes.ConversationPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            return RetentionScopes.ConversationPrefix + id.ToString(CultureInfo.InvariantCulture);
        throw ParleyException.Invalid("scope", "scope must be 'global', 'kind:direct', 'kind:group', 'kind:channel' or 'conversation:<id>'.");
    }

    private static void RequireConversationOf(WriteContext w, string scope)
    {
        if (!scope.StartsWith(RetentionScopes.ConversationPrefix, StringComparison.Ordinal)) return;
        var id = long.Parse(scope[RetentionScopes.ConversationPrefix.Length..], CultureInfo.InvariantCulture);
        if (!RetentionStore.TargetExists(w, LegalHoldTargets.Conversation, id)) throw ParleyException.NotFound("The conversation");
    }

    private static LegalHoldDto ToDto(RetentionStore.HoldRow h) =>
        new(h.Id, h.TargetType, h.TargetId, h.TargetName, h.Reason, h.CreatedBy, UnixMs.To(h.CreatedAt), h.ReleasedBy,
            h.ReleasedAt is { } r ? UnixMs.To(r) : null);
}
