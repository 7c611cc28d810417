using System.Globalization;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Storage;

namespace Parley.Server.Features.Urgent;

/// <summary>
/// Urgent messages (issue 20, DingTalk's DING / 加急): the sender asks chosen members to acknowledge a message, on send
/// (<see cref="SendMessageRequest.UrgentFor"/>) or later (<see cref="MarkAsync"/>). Each target's devices show a banner
/// until they acknowledge; every member sees the marker and the counts on the message; the sender and the managers see
/// who acknowledged. Rules: targets are active members other than the sender, at most
/// <see cref="UrgentOptions.MaxTargets"/> per message, and a sender may make <see cref="UrgentOptions.RateLimit"/>
/// requests per <see cref="UrgentOptions.RateWindow"/>.
/// </summary>
public sealed class UrgentService(
    UrgentStore store, MessageStore messages, ConversationService conversations, WriteQueue writer, IRateCounter rate,
    IOptions<UrgentOptions> options, UrgentPushes pushes, ILogger<UrgentService> logger)
{
    private UrgentOptions O => options.Value;

    /// <summary>
    /// Checks a request's shape and takes one from the sender's urgent budget before anything is queued (429 when it is
    /// spent). Membership is checked in the write (<see cref="Record"/>). Empty or null: not urgent, nothing taken.
    /// </summary>
    public async ValueTask<long[]> ScreenAsync(long senderId, long[]? userIds, string field)
    {
        if (userIds is null || userIds.Length == 0) return [];
        if (userIds.Length > O.MaxTargets || userIds.Distinct().Count() > O.MaxTargets)
            throw ParleyException.Invalid(field, $"A message may be urgent for at most {O.MaxTargets} members.");
        if (userIds.Any(id => id <= 0)) throw ParleyException.Invalid(field, $"{field} must hold user ids.");
        if (userIds.Contains(senderId)) throw ParleyException.Invalid(field, "The sender cannot be asked to acknowledge their own message.");
        var decision = await rate.TryTakeAsync("urgent:" + senderId.ToString(CultureInfo.InvariantCulture), O.RateLimit, O.RateWindow);
        if (!decision.Allowed)
            throw new ParleyException(429, UrgentErrorCodes.RateLimited, $"At most {O.RateLimit} urgent requests per {O.RateWindow.TotalMinutes:0.#} minutes; try again later.", decision.RetryAfter);
        return [.. userIds.Distinct()];
    }

    /// <summary>
    /// Inside the write of a live message: asks these members to acknowledge it and tells their devices
    /// (<c>urgent.requested</c>). Returns the users newly asked (one asked before stays as they were).
    /// </summary>
    public IReadOnlyList<long> Record(WriteContext w, MessageRecord m, long[] userIds, string field)
    {
        if (userIds.Length == 0) return [];
        var members = UrgentStore.ActiveMembers(w, m.ConversationId, userIds);
        if (userIds.FirstOrDefault(id => !members.Contains(id)) is var outsider and > 0)
            throw ParleyException.Invalid(field, $"User {outsider} is not a member of this conversation.");
        var added = userIds.Where(id => UrgentStore.Insert(w, m.Id, m.ConversationId, id, m.SenderId)).ToList();
        if (added.Count > 0 && UrgentStore.Summary(w, m.Id) is { Targets: var total } && total > O.MaxTargets)
            throw ParleyException.Invalid(field, $"A message may be urgent for at most {O.MaxTargets} members.");
        if (added.Count > 0)
        {
            var pending = new PendingUrgentDto(m.Id, m.ConversationId, m.Seq, m.SenderId, UrgentPreview.Of(m.Text), HasFiles(w, m.Id), UnixMs.To(w.NowMs));
            w.PublishToUsers(added, new EventDto(UrgentEventTypes.Requested, m.ConversationId, null, pending, pending.RequestedAt));
        }
        return added;
    }

    private static bool HasFiles(WriteContext w, long messageId) => Files.MessageFiles.Of(w, messageId).Count > 0;

    /// <summary>
    /// After a request committed (a send with urgentFor, or <see cref="MarkAsync"/>): the place for what reaches targets
    /// outside the app: Web Push to the targets starts here (<see cref="UrgentPushes"/>); escalation (SMS, phone) is the delayed
    /// <see cref="Escalation.UrgentEscalationJob"/>.
    /// </summary>
    public Task AfterRequestedAsync(long messageId, long senderId, IReadOnlyList<long> targets)
    {
        UrgentLog.Requested(logger, messageId, senderId, targets.Count);
        pushes.Start(messageId, targets);
        return Task.CompletedTask;
    }

    /// <summary>The sender makes an existing live message urgent for more members (DingTalk allows a DING after the fact).</summary>
    public async Task<UrgentStateDto> MarkAsync(long userId, long messageId, long[]? userIds)
    {
        if (userIds is null || userIds.Length == 0) throw ParleyException.Invalid("userIds", "Name at least one member.");
        // Authorize before taking from the rate budget, so a stranger learns nothing and spends nothing.
        var visible = await messages.FindAsync(messageId);
        if (visible is null || await conversations.RequireMemberOrNullAsync(userId, visible.ConversationId) is null) throw ParleyException.NotFound("The message");
        if (visible.SenderId != userId) throw ParleyException.Forbidden("Only the sender may make a message urgent.");
        var targets = await ScreenAsync(userId, userIds, "userIds");
        IReadOnlyList<long> added = [];
        var state = await writer.ExecuteAsync(w =>
        {
            var (m, c) = MessageService.LoadForMember(w, userId, messageId);
            MessageService.RequireLive(m);
            ConversationService.RequireWritable(c);
            added = Record(w, m, targets, "userIds");
            if (added.Count > 0) MessageService.AppendChange(w, m, UrgentEventTypes.MessageUrgent, userId, touchActivity: false);
            return State(m, UrgentStore.Targets(w, m.Id), seeAll: true, userId);
        });
        if (added.Count > 0) await AfterRequestedAsync(messageId, userId, added);
        return state;
    }

    /// <summary>
    /// The caller acknowledges (收到). Idempotent for a target; a member who was not asked gets 409
    /// <see cref="UrgentErrorCodes.NotRequested"/>; a non-member 404. Everyone's counts change through a logged
    /// <c>message.urgent</c> event; the caller's other devices drop the banner on <c>urgent.acknowledged</c>.
    /// </summary>
    public Task<UrgentStateDto> AcknowledgeAsync(long userId, long messageId) =>
        writer.ExecuteAsync(w =>
        {
            var (m, c) = MessageService.LoadForMember(w, userId, messageId);
            if (UrgentStore.Acknowledge(w, m.Id, userId))
            {
                MessageService.AppendChange(w, m, UrgentEventTypes.MessageUrgent, userId, touchActivity: false);
                var data = new UrgentClearedData(m.Id, m.ConversationId);
                w.PublishToUsers([userId], new EventDto(UrgentEventTypes.Acknowledged, m.ConversationId, null, data, UnixMs.To(w.NowMs)));
            }
            var targets = UrgentStore.Targets(w, m.Id);
            if (!targets.Any(t => t.UserId == userId))
                throw new ParleyException(409, UrgentErrorCodes.NotRequested, "You were not asked to acknowledge this message.");
            return State(m, targets, ConversationService.IsManager(c), userId);
        });

    /// <summary>Who was asked and who acknowledged: everyone for the sender and managers, the caller's own row for other members.</summary>
    public async Task<UrgentStateDto> GetAsync(long userId, long messageId)
    {
        var m = await messages.FindAsync(messageId);
        var c = m is null ? null : await conversations.RequireMemberOrNullAsync(userId, m.ConversationId);
        if (m is null || c is null) throw ParleyException.NotFound("The message");
        return State(m, await store.TargetsAsync(m.Id), ConversationService.IsManager(c), userId);
    }

    public async Task<IReadOnlyList<PendingUrgentDto>> PendingAsync(long userId) =>
        (await store.PendingAsync(userId, 100)).Select(r => r.ToDto()).ToList();

    private static UrgentStateDto State(MessageRecord m, IReadOnlyList<UrgentStore.TargetRow> targets, bool seeAll, long userId)
    {
        var shown = seeAll || m.SenderId == userId ? targets : targets.Where(t => t.UserId == userId);
        return new UrgentStateDto(m.Id, m.ConversationId, m.SenderId, targets.Count, targets.Count(t => t.AckedAt is not null), shown.Select(t => t.ToDto()).ToList());
    }
}
