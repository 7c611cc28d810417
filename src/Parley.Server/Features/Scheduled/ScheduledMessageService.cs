using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Cluster;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Files;
using Parley.Server.Features.Messages;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Scheduled;

/// <summary>
/// Scheduled send (issue 20): a message with <c>sendAt</c> is checked as a send would be (membership, text pipeline,
/// files, thread) and stored; at its time <see cref="ScheduledJob"/> claims it through the writer and sends it with
/// <see cref="MessageService.SendAsync"/> under a clientMsgId derived from the schedule, so a node that dies between
/// sending and marking it sent can never cause a second message. Every change is pushed to the owner's devices.
/// </summary>
public sealed class ScheduledMessageService(
    Database database, WriteQueue writer, MessageService messages, TextPipeline pipeline, ClusterOptions cluster,
    IOptions<ScheduledOptions> options, IOptions<MessagesOptions> messageOptions, ILogger<ScheduledMessageService> logger)
{
    private ScheduledOptions O => options.Value;

    /// <summary>The clientMsgId of the message a schedule sends: the same on every attempt and every node.</summary>
    public static string ClientMsgId(long scheduledId) => $"scheduled:{scheduledId}";

    public async Task<ScheduledMessageAcceptedDto> ScheduleAsync(long userId, long conversationId, SendMessageRequest request)
    {
        var sendAt = ScheduleTime.Parse(request.SendAt, "sendAt", Now(), O.MaxAhead);
        var fileIds = MessageFiles.Validate(request.FileIds);
        var clientMsgId = request.ClientMsgId;
        if (clientMsgId is not null && (clientMsgId.Length == 0 || clientMsgId.Length > messageOptions.Value.MaxClientMsgIdLength || clientMsgId.Any(char.IsControl)))
            throw ParleyException.Invalid("clientMsgId", $"clientMsgId must be 1–{messageOptions.Value.MaxClientMsgIdLength} printable characters.");
        // Refused now what would be refused at send time (limits, blocked words, send rate); it is screened again then.
        await pipeline.ScreenAsync(new TextCandidate(TextKind.Message, request.Text ?? "", userId, conversationId, fileIds.Length > 0));
        var text = (request.Text ?? "").Trim();
        return await writer.ExecuteAsync(w =>
        {
            var c = ConversationService.RequireMember(w, userId, conversationId);
            if (clientMsgId is not null && ScheduledStore.FindByClientId(w, userId, clientMsgId) is { } existing)
                return new ScheduledMessageAcceptedDto(existing.Id, UnixMs.To(existing.SendAt)); // a retry of the same request
            ConversationService.RequireWritable(c);
            CheckReferences(w, conversationId, request.ThreadRootId, request.QuoteId);
            if (fileIds.Length > 0 && ScheduledStore.CountFree(w, userId, fileIds) != fileIds.Length)
                throw ParleyException.Invalid("fileIds", "fileIds must name files you uploaded that are not sent or scheduled yet.");
            if (ScheduledStore.CountListed(w, userId) >= O.MaxPendingPerUser)
                throw new ParleyException(409, ErrorCodes.ScheduleLimit, $"You may have at most {O.MaxPendingPerUser} scheduled messages.");
            var id = ScheduledStore.Insert(w, userId, conversationId, clientMsgId, text, request.ThreadRootId, request.QuoteId, sendAt, fileIds);
            Publish(w, ScheduledStore.Get(w, id)!);
            return new ScheduledMessageAcceptedDto(id, UnixMs.To(sendAt));
        });
    }

    /// <summary>The thread root and the quoted message must be live messages of the conversation (checked again at send time).</summary>
    private static void CheckReferences(WriteContext w, long conversationId, long? threadRootId, long? quoteId)
    {
        if (threadRootId is { } rootId && (MessageStore.Get(w, rootId) is not { DeletedAt: null, RecalledAt: null } root || root.ConversationId != conversationId))
            throw ParleyException.Invalid("threadRootId", "threadRootId must name a live message of this conversation.");
        if (quoteId is { } q && MessageStore.Get(w, q)?.ConversationId != conversationId)
            throw ParleyException.Invalid("quoteId", "quoteId must name a message of this conversation.");
    }

    public async Task<IReadOnlyList<ScheduledMessageDto>> ListAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        var rows = await ScheduledStore.OfUserAsync(c, userId);
        var files = await ScheduledStore.FilesAsync(c, [.. rows.Select(r => r.Id)]);
        return [.. rows.Select(r => r.ToDto([.. files[r.Id]]))];
    }

    public async Task<ScheduledMessageDto> UpdateAsync(long userId, long id, UpdateScheduledMessageRequest request)
    {
        var sendAt = request.SendAt is null ? (long?)null : ScheduleTime.Parse(request.SendAt, "sendAt", Now(), O.MaxAhead);
        if (request.Text is null && sendAt is null) throw ParleyException.Invalid("text", "Give text, sendAt or both.");
        var owned = await OwnedAsync(userId, id);
        string? text = null;
        if (request.Text is not null)
        {
            var files = await FileCountAsync(id);
            await pipeline.ScreenAsync(new TextCandidate(TextKind.MessageEdit, request.Text, userId, owned.ConversationId, files > 0));
            text = request.Text.Trim();
            if (text.Length == 0 && files == 0) throw ParleyException.Invalid("text", "The message text must not be empty.");
        }
        return await writer.ExecuteAsync(w =>
        {
            var row = Owned(w, userId, id);
            if (!ScheduledStore.Update(w, row.Id, text, sendAt))
                throw new ParleyException(409, ErrorCodes.Conflict, "Only a scheduled message that is still waiting can be changed.");
            return Publish(w, ScheduledStore.Get(w, id)!);
        });
    }

    public Task DeleteAsync(long userId, long id) =>
        writer.ExecuteAsync(w =>
        {
            var row = Owned(w, userId, id);
            if (!ScheduledStore.Delete(w, id)) throw new ParleyException(409, ErrorCodes.Conflict, "The message is being sent right now.");
            Publish(w, row, ScheduledStatuses.Cancelled);
            return 0;
        });

    /// <summary>"Send now": claims the pending schedule at once and sends it as the job would.</summary>
    public async Task<MessageDto> SendNowAsync(long userId, long id)
    {
        var claimed = await writer.ExecuteAsync(w =>
        {
            Owned(w, userId, id);
            return ScheduledStore.Claim(w, id, cluster.NodeId, w.NowMs + (long)O.ClaimLease.TotalMilliseconds, force: true)
                ?? throw new ParleyException(409, ErrorCodes.Conflict, "Only a scheduled message that is still waiting can be sent now.");
        });
        var (message, failure) = await FireAsync(claimed);
        return message ?? throw failure!;
    }

    /// <summary>
    /// Sends a schedule this node has claimed. A lasting refusal (no longer a member, archived, text now blocked, files
    /// gone) marks it failed with the reason; a passing one (rate limit, shutting down, database away) leaves the claim
    /// to run out so it is tried again, until <see cref="ScheduledOptions.MaxAttempts"/>.
    /// </summary>
    public async Task<(MessageDto? Message, Exception? Failure)> FireAsync(ScheduledStore.Row row)
    {
        try
        {
            long[] fileIds;
            await using (var c = await database.OpenAsync()) fileIds = await ScheduledStore.FileIdsAsync(c, row.Id);
            var request = new SendMessageRequest(row.Text, ClientMsgId(row.Id), row.ThreadRootId, row.QuoteId, fileIds);
            var message = await messages.SendAsync(row.UserId, row.ConversationId, request);
            await writer.ExecuteAsync(w =>
            {
                if (ScheduledStore.MarkSent(w, row.Id, message.Id)) Publish(w, ScheduledStore.Get(w, row.Id)!);
                return 0;
            });
            return (message, null);
        }
        catch (ParleyException ex) when (ex.Status is not (429 or 503) || row.Attempts >= O.MaxAttempts)
        {
            logger.LogInformation("Scheduled message {Id} failed: {Code} {Reason}", row.Id, ex.Code, ex.Message);
            await MarkFailedAsync(row, ex.Code, ex.Message);
            return (null, ex);
        }
        catch (Exception ex) when (row.Attempts >= O.MaxAttempts && ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Scheduled message {Id} failed after {Attempts} attempts", row.Id, row.Attempts);
            await MarkFailedAsync(row, ErrorCodes.Unavailable, "The message could not be sent; please try again.");
            return (null, ex);
        }
    }

    private Task MarkFailedAsync(ScheduledStore.Row row, string code, string reason) =>
        writer.ExecuteAsync(w =>
        {
            // An earlier attempt may have sent it before its node died (and the user may have left since): then it is sent.
            var sent = MessageStore.FindByClientId(w, row.ConversationId, row.UserId, ClientMsgId(row.Id));
            var changed = sent is not null ? ScheduledStore.MarkSent(w, row.Id, sent.Id) : ScheduledStore.MarkFailed(w, row.Id, code, reason);
            if (changed) Publish(w, ScheduledStore.Get(w, row.Id)!);
            return 0;
        });

    private async Task<ScheduledStore.Row> OwnedAsync(long userId, long id)
    {
        await using var c = await database.OpenAsync();
        return IsOwned(await ScheduledStore.GetAsync(c, id), userId) ?? throw ParleyException.NotFound("The scheduled message");
    }

    private async Task<int> FileCountAsync(long id)
    {
        await using var c = await database.OpenAsync();
        return (await ScheduledStore.FileIdsAsync(c, id)).Length;
    }

    /// <summary>The user's own schedule still listed; anyone else's is 404, as if it did not exist.</summary>
    private static ScheduledStore.Row Owned(WriteContext w, long userId, long id) =>
        IsOwned(ScheduledStore.Get(w, id), userId) ?? throw ParleyException.NotFound("The scheduled message");

    private static ScheduledStore.Row? IsOwned(ScheduledStore.Row? row, long userId) =>
        row is not null && row.UserId == userId && row.Status != ScheduledStatuses.Sent ? row : null;

    private static ScheduledMessageDto Publish(WriteContext w, ScheduledStore.Row row, string? status = null)
    {
        var dto = row.ToDto(ScheduledStore.Files(w, row.Id), status);
        w.PublishToUsers([row.UserId], new EventDto(EventTypes.ScheduledUpdated, 0, null, dto, UnixMs.To(w.NowMs)));
        return dto;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
