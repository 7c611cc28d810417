using System.Text;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Storage;

namespace Parley.Server.Features.Saved;

/// <summary>
/// Composer drafts kept on the server (issue 20) so that what a user typed on one device is there on the others. One
/// draft per conversation and per thread; the last write wins by the writer's clock; sending from that composer removes
/// it in the same transaction (<see cref="DraftClearStep"/>). Drafts are private: no text filter sees them.
/// </summary>
public sealed class DraftService(DraftStore store, WriteQueue writer, SavedWriteLimit limit, IOptions<SavedOptions> options, IOptionsMonitor<MessagesOptions> messageOptions)
{
    public async Task<IReadOnlyList<DraftDto>> ListAsync(long userId) =>
        (await store.ListAsync(userId)).Select(r => new DraftDto(r.ConversationId, RootOf(r.ThreadRootId), r.Text, UnixMs.To(r.UpdatedAt))).ToList();

    /// <summary>Saves the draft, or removes it when the text is empty. Returns the draft as stored (empty text: removed).</summary>
    public async Task<DraftDto> SaveAsync(long userId, long conversationId, DraftRequest request)
    {
        var text = request.Text ?? "";
        if (string.IsNullOrWhiteSpace(text)) return await RemoveAsync(userId, conversationId, request.ThreadRootId);
        var max = messageOptions.CurrentValue.MaxTextBytes;
        if (Encoding.UTF8.GetByteCount(text) > max) throw new ParleyException(413, ErrorCodes.MessageTooLarge, $"The draft exceeds {max} bytes, the limit of a message.");
        if (text.Contains('\0', StringComparison.Ordinal)) throw ParleyException.Invalid("text", "The draft must not contain NUL characters.");
        await limit.AcquireAsync(userId);
        return await writer.ExecuteAsync(w =>
        {
            ConversationService.RequireMember(w, userId, conversationId);
            var root = request.ThreadRootId is { } id ? ThreadRoot(w, conversationId, id) : 0;
            if (!DraftStore.Exists(w, userId, conversationId, root) && DraftStore.Count(w, userId) >= options.Value.MaxDraftsPerUser)
                throw new ParleyException(409, ErrorCodes.QuotaExceeded, $"You can keep at most {options.Value.MaxDraftsPerUser} drafts; send or clear some first.");
            DraftStore.Upsert(w, userId, conversationId, root, text);
            return Publish(w, userId, new DraftDto(conversationId, RootOf(root), text, UnixMs.To(w.NowMs)));
        });
    }

    public async Task<DraftDto> RemoveAsync(long userId, long conversationId, long? threadRootId)
    {
        if (threadRootId is < 1) throw ParleyException.Invalid("threadRootId", "threadRootId must name a message.");
        await limit.AcquireAsync(userId);
        return await writer.ExecuteAsync(w =>
        {
            ConversationService.RequireMember(w, userId, conversationId);
            var removed = new DraftDto(conversationId, threadRootId, "", UnixMs.To(w.NowMs));
            return DraftStore.Delete(w, userId, conversationId, threadRootId ?? 0) ? Publish(w, userId, removed) : removed;
        });
    }

    /// <summary>Called inside a send: the sender's draft of that composer goes with the message it became.</summary>
    internal static void ClearOnSend(WriteContext w, long userId, long conversationId, long? threadRootId)
    {
        if (DraftStore.Delete(w, userId, conversationId, threadRootId ?? 0))
            Publish(w, userId, new DraftDto(conversationId, threadRootId, "", UnixMs.To(w.NowMs)));
    }

    private static DraftDto Publish(WriteContext w, long userId, DraftDto draft)
    {
        w.PublishToUsers([userId], new EventDto(EventTypes.DraftChanged, 0, null, draft, draft.UpdatedAt));
        return draft;
    }

    /// <summary>A thread's draft hangs off its root, as replies do (a reply's id names the same thread).</summary>
    private static long ThreadRoot(WriteContext w, long conversationId, long messageId)
    {
        var m = MessageStore.Get(w, messageId);
        if (m is null || m.ConversationId != conversationId)
            throw ParleyException.Invalid("threadRootId", "threadRootId must name a message of this conversation.");
        return m.ThreadRootId ?? m.Id;
    }

    private static long? RootOf(long stored) => stored == 0 ? null : stored;
}
