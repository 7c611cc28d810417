using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Files;
using Parley.Server.Features.Messages;

namespace Parley.Server.Features.Bundles;

/// <summary>
/// Merge-forward (issue 20): several messages of one conversation become one bundle message in another, a snapshot
/// readable by the target's members (<see cref="BundleSnapshot"/>). Reading the transcript and its files needs
/// membership of the bundle message's conversation only, never of the source.
/// </summary>
public sealed class BundleService(MessageService messages, MessageStore messageStore, ConversationService conversations, BundleStore store)
{
    public Task<MessageDto> ForwardAsync(long userId, long targetId, ForwardBundleRequest request)
    {
        var ids = (request.MessageIds ?? []).Distinct().ToArray();
        if (ids.Length == 0) throw ParleyException.Invalid("messageIds", "Name at least one message to forward.");
        if (ids.Length > BundleSnapshot.MaxMessages)
            throw new ParleyException(400, ErrorCodes.BundleTooLarge, $"At most {BundleSnapshot.MaxMessages} messages can be forwarded together.");
        if (ids.Any(id => id <= 0)) throw ParleyException.Invalid("messageIds", "messageIds must be message ids.");
        if (request.SourceConversationId <= 0) throw ParleyException.NotFound("The conversation");
        // The comment is the new message's text: the target's text pipeline (limits, rate, filters) applies as to any send.
        return messages.SendAsync(userId, targetId, new SendMessageRequest(request.Comment, request.ClientMsgId, null, null),
            bundle: (w, messageId) => BundleSnapshot.Take(w, userId, request.SourceConversationId, ids, messageId));
    }

    /// <summary>The transcript of a bundle message, or of a nested bundle inside it; 404 unless the caller is a member of the bundle message's conversation.</summary>
    public async Task<BundleTranscriptDto> TranscriptAsync(long userId, long messageId, long? itemId)
    {
        await RequireReadableAsync(userId, messageId);
        var node = await store.NodeAsync(messageId, itemId) ?? throw ParleyException.NotFound("The bundle");
        return new BundleTranscriptDto(messageId, itemId, node.TitleKind ?? ConversationKinds.Group, node.Names, await store.ItemsAsync(node));
    }

    /// <summary>A file of the bundle, for its download route: the same rights as the transcript.</summary>
    public async Task<FileRecord> FileAsync(long userId, long messageId, long fileId)
    {
        await RequireReadableAsync(userId, messageId);
        return await store.FileAsync(messageId, fileId) ?? throw ParleyException.NotFound("The file");
    }

    /// <summary>The bundle message exists, is live and the caller is an active member of its conversation; 404 alike otherwise.</summary>
    private async Task RequireReadableAsync(long userId, long messageId)
    {
        var m = await messageStore.FindAsync(messageId);
        if (m is null || m.DeletedAt is not null || m.RecalledAt is not null || m.PurgedAt is not null
            || await conversations.RequireMemberOrNullAsync(userId, m.ConversationId) is null)
            throw ParleyException.NotFound("The bundle");
    }
}
