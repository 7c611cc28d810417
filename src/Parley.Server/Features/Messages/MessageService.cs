using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Bundles;
using Parley.Server.Features.Cards;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Files;
using Parley.Server.Features.Urgent;
using Parley.Server.Features.Polls;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Messages;

/// <summary>
/// Message rules: send (idempotent by clientMsgId), edit, delete, recall, pin, forward, react, receipts,
/// history and catch-up. Every write checks membership inside the writer's transaction. Texts pass the
/// <see cref="TextPipeline"/> before they are queued; the <see cref="IMessageWriteStep"/>s (mentions, search, files)
/// run inside the write.
/// </summary>
public sealed class MessageService(
    MessageStore store, ConversationService conversations, WriteQueue writer, IOptionsMonitor<MessagesOptions> options,
    MessageAttachments attachments, MessagePolls polls, MessageCards cards, BundleStore bundles, TextPipeline pipeline, IEnumerable<IMessageWriteStep> steps,
    Operations.Metrics.ParleyMetrics metrics, UrgentService urgent, UrgentStore urgentStore)
{
    private readonly IMessageWriteStep[] _steps = [.. steps.OrderBy(s => s.Order)];

    private MessagesOptions O => options.CurrentValue;

    /// <summary>
    /// Sends a message. <paramref name="poll"/> (the polls feature) adds the poll the message carries inside the same
    /// write, after the message row, and returns its summary for the message's wire form.
    /// </summary>
    /// <param name="bundle">Merge-forward and re-forward: takes the bundle's snapshot for the new message id inside the write (Features/Bundles).</param>
    /// <param name="card">Integrations (Features/Cards): stores the card the message carries inside the write and returns it.</param>
    public async Task<MessageDto> SendAsync(long userId, long conversationId, SendMessageRequest request, long? forwardedFromId = null,
        Func<WriteContext, MessageDraft, PollDto>? poll = null, Func<WriteContext, long, BundleDto?>? bundle = null,
        Func<WriteContext, long, CardDto>? card = null)
    {
        if (request.SendAt is not null) throw ParleyException.Invalid("sendAt", "Schedule a message with POST /api/v1/conversations/{id}/messages.");
        var fileIds = MessageFiles.Validate(request.FileIds);
        var clientMsgId = ValidateClientMsgId(request.ClientMsgId);
        var screened = await pipeline.ScreenAsync(new TextCandidate(TextKind.Message, request.Text ?? "", userId, conversationId, fileIds.Length > 0 || bundle is not null));
        var urgentFor = await urgent.ScreenAsync(userId, request.UrgentFor, "urgentFor");
        IReadOnlyList<long> urgentAdded = [];
        var created = false;
        var sent = await writer.ExecuteAsync(w =>
        {
            var c = ConversationService.RequireMember(w, userId, conversationId);
            if (clientMsgId is not null && MessageStore.FindByClientId(w, conversationId, userId, clientMsgId) is { } existing)
                return CurrentDto(w, existing); // a retry: the original, not a duplicate
            ConversationService.RequireWritable(c);
            var threadRootId = request.ThreadRootId is { } rootId ? ThreadRoot(w, conversationId, rootId) : (long?)null;
            if (request.QuoteId is { } quoteId && (MessageStore.Get(w, quoteId) is not { } quoted || quoted.ConversationId != conversationId))
                throw ParleyException.Invalid("quoteId", "quoteId must name a message of this conversation.");
            var draft = new MessageDraft(Facts(c), userId, screened.Text, EventLog.NextSeq(w, conversationId), fileIds) { ThreadRootId = threadRootId, Forwarded = forwardedFromId is not null };
            foreach (var step in _steps) step.BeforeInsert(w, draft);
            draft.Id = MessageStore.Insert(w, conversationId, draft.Seq, userId, draft.Text, clientMsgId, threadRootId, request.QuoteId, forwardedFromId, draft.Mentions, draft.MentionsAll);
            foreach (var step in _steps) step.AfterInsert(w, draft);
            if (urgentFor.Length > 0) urgentAdded = urgent.Record(w, MessageStore.Get(w, draft.Id)!, urgentFor, "urgentFor");
            var pollDto = poll?.Invoke(w, draft);
            var bundled = bundle?.Invoke(w, draft.Id);
            var carded = card?.Invoke(w, draft.Id);
            EventLog.Record(w, conversationId, draft.Seq, EventTypes.MessageCreated, userId, draft.Id, null);
            screened.RecordFlags(w, conversationId, draft.Id);
            // Posting means the sender has seen the conversation up to here (as Slack and Mattermost treat it).
            ConversationService.AdvanceRead(w, conversationId, userId, draft.Seq);
            var dto = MessageStore.ToDto(MessageStore.Get(w, draft.Id)!, null) with { Files = draft.Files, Urgent = UrgentStore.Summary(w, draft.Id), Poll = pollDto, Bundle = bundled, Card = carded };
            w.Publish(new EventDto(EventTypes.MessageCreated, conversationId, draft.Seq, dto, dto.CreatedAt));
            created = true;
            return dto;
        });
        if (created) metrics.MessagesAccepted.Inc();
        if (urgentAdded.Count > 0) await urgent.AfterRequestedAsync(sent.Id, userId, urgentAdded);
        return sent;
    }

    private static ConversationFacts Facts(ConversationRecord c) => new(c.Id, c.MemberCount, ConversationService.IsManager(c));

    /// <summary>Replies always hang off the root: replying to a reply joins the same thread.</summary>
    private static long ThreadRoot(WriteContext w, long conversationId, long rootId)
    {
        var root = MessageStore.Get(w, rootId);
        if (root is null || root.ConversationId != conversationId || root.DeletedAt is not null || root.RecalledAt is not null)
            throw ParleyException.Invalid("threadRootId", "threadRootId must name a live message of this conversation.");
        return root.ThreadRootId ?? root.Id;
    }

    /// <param name="also">Runs inside the edit's write after the text is stored (integrations replace a message's card with it).</param>
    public async Task<MessageDto> EditAsync(long userId, long messageId, string? text, Action<WriteContext, MessageRecord>? also = null)
    {
        var conversationId = (await store.FindAsync(messageId))?.ConversationId ?? 0; // for filters with per-conversation rules; authorization is in the write
        var screened = await pipeline.ScreenAsync(new TextCandidate(TextKind.MessageEdit, text ?? "", userId, conversationId));
        return await Mutate(userId, messageId, EventTypes.MessageEdited, (w, m, c) =>
        {
            if (m.SenderId != userId) throw ParleyException.Forbidden("Only the sender may edit a message.");
            RequireLive(m);
            MessageStore.UpdateText(w, m.Id, screened.Text);
            var change = new MessageChange(Facts(c), m.Id, m.Seq, m.SenderId, screened.Text) { PreviousText = m.Text, ActorId = userId };
            foreach (var step in _steps) step.AfterEdit(w, change);
            screened.RecordFlags(w, m.ConversationId, m.Id);
            also?.Invoke(w, m);
        });
    }

    public Task<MessageDto> DeleteAsync(long userId, long messageId) =>
        Mutate(userId, messageId, EventTypes.MessageDeleted, (w, m, c) =>
        {
            if (m.SenderId != userId && c.Role is not (MemberRoles.Owner or MemberRoles.Admin))
                throw ParleyException.Forbidden("Only the sender or the conversation's owners and admins may delete a message.");
            RequireLive(m);
            Erase(w, m, c, recall: false, userId);
        });

    public Task<MessageDto> RecallAsync(long userId, long messageId) =>
        Mutate(userId, messageId, EventTypes.MessageRecalled, (w, m, c) =>
        {
            if (m.SenderId != userId) throw ParleyException.Forbidden("Only the sender may recall a message.");
            RequireLive(m);
            if (w.NowMs - m.CreatedAt > O.RecallWindow.TotalMilliseconds)
                throw new ParleyException(409, ErrorCodes.RecallWindowPassed, $"A message can be recalled only within {O.RecallWindow.TotalMinutes:0.#} minutes of sending.");
            Erase(w, m, c, recall: true, userId);
        });

    /// <summary>
    /// Deletes a message for everyone on a compliance decision (the reviewer need not be a member: the permission was
    /// checked by the caller); <paramref name="also"/> runs in the same write. A message already gone stays as it is.
    /// </summary>
    public Task ModerationDeleteAsync(long messageId, long reviewerId, Action<WriteContext> also) =>
        writer.ExecuteAsync(w =>
        {
            also(w);
            if (MessageStore.Get(w, messageId) is not { DeletedAt: null, RecalledAt: null } m) return 0;
            var c = ConversationStore.Find(w, m.ConversationId, reviewerId) ?? throw ParleyException.NotFound("The conversation");
            Erase(w, m, c, recall: false, reviewerId);
            AppendChange(w, m, EventTypes.MessageDeleted, reviewerId);
            return 0;
        });

    /// <summary>
    /// Retention (issue 16): removes the content of these messages of one conversation for good — text, earlier
    /// versions, reactions; files are detached so the file janitor removes their bytes. A message still shown gets a
    /// <c>message.deleted</c> tombstone event from the server (actor 0) that clients already understand; the
    /// conversation's activity time is left alone. Returns the messages purged and the files released.
    /// </summary>
    public Task<(int Messages, int Files)> PurgeAsync(long conversationId, IReadOnlyList<long> ids) =>
        writer.ExecuteAsync(w =>
        {
            var c = ConversationStore.Find(w, conversationId, 0) ?? throw ParleyException.NotFound("The conversation");
            var due = ids.Select(id => MessageStore.Get(w, id)).OfType<MessageRecord>()
                .Where(m => m.PurgedAt is null && m.ConversationId == conversationId).ToList();
            var shown = due.Where(m => m.DeletedAt is null && m.RecalledAt is null).ToList();
            foreach (var m in shown) Erase(w, m, c, recall: false, actorId: 0, purged: true);
            var files = MessageStore.Purge(w, [.. due.Select(m => m.Id)]);
            BundleStore.Remove(w, [.. due.Select(m => m.Id)]); // also snapshots of messages erased earlier (kept under OnMessageErased=Keep)
            // After the purge, so the tombstones carry no reactions or files.
            foreach (var m in shown) AppendChange(w, m, EventTypes.MessageDeleted, 0, touchActivity: false);
            return (due.Count, files);
        });

    private void Erase(WriteContext w, MessageRecord m, ConversationRecord c, bool recall, long actorId, bool purged = false)
    {
        MessageStore.Erase(w, m, recall);
        var change = new MessageChange(Facts(c), m.Id, m.Seq, m.SenderId, "") { PreviousText = m.Text, ActorId = actorId, Recalled = recall, Purged = purged };
        foreach (var step in _steps) step.AfterErase(w, change);
    }

    public Task<MessageDto> PinAsync(long userId, long messageId, bool pin) =>
        Mutate(userId, messageId, pin ? EventTypes.MessagePinned : EventTypes.MessageUnpinned, (w, m, c) =>
        {
            RequireLive(m);
            MessageStore.SetPinned(w, m.Id, pin ? userId : null);
        });

    private async Task<MessageDto> Mutate(long userId, long messageId, string eventType, Action<WriteContext, MessageRecord, ConversationRecord> change)
    {
        return await writer.ExecuteAsync(w =>
        {
            var (m, c) = LoadForMember(w, userId, messageId);
            ConversationService.RequireWritable(c);
            change(w, m, c);
            return AppendChange(w, m, eventType, userId);
        });
    }

    /// <summary>Logs a change of a message as an event of its conversation and publishes the message as it now is.</summary>
    internal static MessageDto AppendChange(WriteContext w, MessageRecord m, string eventType, long userId, bool touchActivity = true)
    {
        var seq = EventLog.Append(w, m.ConversationId, eventType, userId, m.Id, null, touchActivity);
        var dto = CurrentDto(w, MessageStore.Get(w, m.Id)!);
        w.Publish(new EventDto(eventType, m.ConversationId, seq.Seq, dto, UnixMs.To(w.NowMs)));
        return dto;
    }

    /// <summary>The message as it now is, inside a write: reactions, files, urgent counts, its poll and its bundle.</summary>
    private static MessageDto CurrentDto(WriteContext w, MessageRecord m) =>
        MessageStore.ToDto(m, MessageStore.ReactionsOf(w, m.Id)) with
        {
            Files = MessageFiles.Of(w, m.Id), Urgent = UrgentStore.Summary(w, m.Id), Poll = MessagePolls.Of(w, m.Id),
            Bundle = IsLive(m) ? BundleStore.SummaryOf(w, m.Id) : null, Card = MessageCards.Of(w, m.Id),
        };

    internal static (MessageRecord, ConversationRecord) LoadForMember(WriteContext w, long userId, long messageId)
    {
        var m = MessageStore.Get(w, messageId) ?? throw ParleyException.NotFound("The message");
        var c = ConversationStore.Find(w, m.ConversationId, userId);
        if (c?.Role is null) throw ParleyException.NotFound("The message");
        return (m, c);
    }

    private static bool IsLive(MessageRecord m) => m.DeletedAt is null && m.RecalledAt is null && m.PurgedAt is null;

    internal static void RequireLive(MessageRecord m)
    {
        if (m.DeletedAt is not null || m.RecalledAt is not null)
            throw new ParleyException(409, ErrorCodes.Conflict, "The message was deleted or recalled.");
    }

    public async Task<MessageDto> ForwardAsync(long userId, long messageId, ForwardMessageRequest request)
    {
        var source = await FindVisibleAsync(userId, messageId);
        if (source.DeletedAt is not null || source.RecalledAt is not null) throw new ParleyException(409, ErrorCodes.Conflict, "The message was deleted or recalled.");
        var text = string.IsNullOrWhiteSpace(request.Comment) ? source.Text : request.Comment.Trim() + "\n\n" + source.Text;
        // Only into a conversation the forwarder may write to: checked before any file is copied.
        await conversations.RequireMemberAsync(userId, request.ConversationId);
        var fileIds = await attachments.CopyForForwardAsync(userId, source.Id, CancellationToken.None);
        // A bundle message forwarded on its own carries its snapshot (re-forward, Features/Bundles).
        var isBundle = (await bundles.SummariesAsync([source.Id])).Count > 0;
        return await SendAsync(userId, request.ConversationId, new SendMessageRequest(text, request.ClientMsgId, null, null, fileIds), forwardedFromId: source.Id,
            bundle: isBundle ? (w, id) => BundleSnapshot.Copy(w, source.Id, id) : null);
    }

    public async Task<MessageDto> ReactAsync(long userId, long messageId, string emoji, bool add)
    {
        ValidateEmoji(emoji);
        return await writer.ExecuteAsync(w =>
        {
            var (m, c) = LoadForMember(w, userId, messageId);
            RequireLive(m);
            ConversationService.RequireWritable(c);
            bool changed;
            if (add)
            {
                // ":name:" is a custom emoji (Features/Emoji): only one that exists may be added.
                if (Emoji.CustomEmojiService.IsCustomReaction(emoji, out var custom) && !Emoji.CustomEmojiStore.Exists(w, custom))
                    throw ParleyException.Invalid("emoji", $"There is no custom emoji named '{custom}'.");
                changed = MessageStore.AddReaction(w, m.Id, emoji, userId);
                if (changed && MessageStore.DistinctEmojis(w, m.Id) > O.MaxReactionsPerMessage)
                    throw new ParleyException(409, ErrorCodes.Conflict, $"A message may carry at most {O.MaxReactionsPerMessage} different reactions.");
            }
            else changed = MessageStore.RemoveReaction(w, m.Id, emoji, userId);
            if (changed)
            {
                var type = add ? EventTypes.ReactionAdded : EventTypes.ReactionRemoved;
                var data = new ReactionEventData(m.Id, emoji, userId);
                EventLog.AppendAndPublish(w, m.ConversationId, type, userId, m.Id, data);
            }
            return MessageStore.ToDto(m, MessageStore.ReactionsOf(w, m.Id));
        });
    }

    public async Task<MessagePage> PageAsync(long userId, long conversationId, long? afterSeq, long? beforeSeq, int? limit, long? threadRootId)
    {
        // The membership read is also the head: it happens before the page's query, so the page holds everything up to it.
        var head = (await conversations.RequireMemberAsync(userId, conversationId)).LastSeq;
        var after = afterSeq is null ? (long?)null : Paging.Cursor(afterSeq, "afterSeq");
        var before = beforeSeq is null ? (long?)null : Paging.Cursor(beforeSeq, "beforeSeq");
        return new MessagePage(await WithReactionsAsync(await store.PageAsync(conversationId, after, before, Paging.Limit(limit), threadRootId)), head);
    }

    public async Task<IReadOnlyList<MessageDto>> PinnedAsync(long userId, long conversationId)
    {
        await conversations.RequireMemberAsync(userId, conversationId);
        return await WithReactionsAsync(await store.PinnedAsync(conversationId));
    }

    public async Task<MessageDto> GetAsync(long userId, long messageId)
    {
        return (await WithReactionsAsync([await FindVisibleAsync(userId, messageId)]))[0];
    }

    /// <summary>The message if the user is an active member of its conversation; otherwise 404, exactly as if it did not exist.</summary>
    private async Task<MessageRecord> FindVisibleAsync(long userId, long messageId)
    {
        var m = await store.FindAsync(messageId);
        if (m is null || await conversations.RequireMemberOrNullAsync(userId, m.ConversationId) is null) throw ParleyException.NotFound("The message");
        return m;
    }

    public async Task<IReadOnlyList<MessageDto>> WithReactionsAsync(IReadOnlyList<MessageRecord> rows)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var reactions = await store.ReactionsAsync(ids);
        var attached = await attachments.ForMessagesAsync(ids);
        var urgent = await urgentStore.SummariesAsync(ids);
        var carried = await polls.ForMessagesAsync(ids);
        var bundled = await bundles.SummariesAsync([.. rows.Where(IsLive).Select(r => r.Id)]);
        var carded = await cards.ForMessagesAsync(ids);
        return rows.Select(r => MessageStore.ToDto(r, reactions[r.Id]) with
        {
            Files = attached[r.Id].ToList(), Urgent = urgent.GetValueOrDefault(r.Id), Poll = carried.GetValueOrDefault(r.Id),
            Bundle = bundled.GetValueOrDefault(r.Id), Card = carded.GetValueOrDefault(r.Id),
        }).ToList();
    }

    /// <summary>The log after a seq, for catch-up. Message events carry the message's current state.</summary>
    public async Task<IReadOnlyList<EventDto>> EventsAsync(long userId, long conversationId, long? afterSeq, int? limit)
    {
        await conversations.RequireMemberAsync(userId, conversationId);
        var pageSize = Paging.Limit(limit, 1000);
        var rows = await store.EventsAsync(conversationId, Paging.Cursor(afterSeq, "afterSeq"), pageSize);
        (rows.Count == 0 ? metrics.CatchUpUpToDate : rows.Count < pageSize ? metrics.CatchUpComplete : metrics.CatchUpPaged).Inc();
        var messageIds = rows.Where(r => r.MessageId is not null && r.Type.StartsWith("message.", StringComparison.Ordinal)).Select(r => r.MessageId!.Value).Distinct().ToList();
        var messages = (await WithReactionsAsync(await store.FindManyAsync(messageIds))).ToDictionary(m => m.Id);
        return rows.Select(r => new EventDto(r.Type, r.ConversationId, r.Seq,
            r.MessageId is { } mid && messages.TryGetValue(mid, out var msg) && r.Type.StartsWith("message.", StringComparison.Ordinal)
                ? msg
                : r.Data is null ? null : JsonSerializer.Deserialize<JsonElement>(r.Data),
            UnixMs.To(r.CreatedAt))).ToList();
    }

    public async Task<ReceiptsDto> ReceiptsAsync(long userId, long messageId)
    {
        var m = await FindVisibleAsync(userId, messageId);
        var readers = (await store.ActiveMemberReadSeqsAsync(m.ConversationId)).Where(r => r.UserId != m.SenderId).ToList();
        return new ReceiptsDto(m.Id, m.Seq,
            readers.Where(r => r.ReadSeq >= m.Seq).Select(r => r.UserId).ToList(),
            readers.Where(r => r.ReadSeq < m.Seq).Select(r => r.UserId).ToList());
    }

    private string? ValidateClientMsgId(string? id)
    {
        if (id is null) return null;
        if (id.Length == 0 || id.Length > O.MaxClientMsgIdLength || id.Any(char.IsControl))
            throw ParleyException.Invalid("clientMsgId", $"clientMsgId must be 1–{O.MaxClientMsgIdLength} printable characters.");
        return id;
    }

    private static void ValidateEmoji(string emoji)
    {
        if (string.IsNullOrEmpty(emoji) || emoji.Length > 32 || emoji.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch)))
            throw ParleyException.Invalid("emoji", "The reaction must be one emoji or a short name without spaces.");
    }
}
