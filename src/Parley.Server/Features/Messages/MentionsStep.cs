using Microsoft.Extensions.Options;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Messages;

/// <summary>
/// Mentions as a write step: @username of a member and @all (open to everyone in conversations up to
/// MentionAllOpenUpTo members, otherwise to owners and admins) are resolved inside the write, stored on the message and
/// in <c>mentions</c> (unread mention counts). An edit replaces them: a removed @name stops counting, an added one counts.
/// </summary>
public sealed class MentionsStep(IOptions<MessagesOptions> options) : IMessageWriteStep
{
    public int Order => 0;

    public void BeforeInsert(WriteContext w, MessageDraft draft) =>
        (draft.Mentions, draft.MentionsAll) = Resolve(w, draft.Conversation, draft.Text);

    public void AfterInsert(WriteContext w, MessageDraft draft) =>
        MessageStore.InsertMentions(w, draft.Conversation.Id, draft.Seq, draft.SenderId, draft.Mentions, draft.MentionsAll);

    public void AfterEdit(WriteContext w, MessageChange change)
    {
        var (ids, all) = Resolve(w, change.Conversation, change.NewText);
        MessageStore.SetMentions(w, change.MessageId, ids, all);
        MessageStore.DeleteMentions(w, change.Conversation.Id, change.Seq);
        MessageStore.InsertMentions(w, change.Conversation.Id, change.Seq, change.SenderId, ids, all);
    }

    public void AfterErase(WriteContext w, MessageChange change) => MessageStore.DeleteMentions(w, change.Conversation.Id, change.Seq);

    private (long[] Ids, bool All) Resolve(WriteContext w, ConversationFacts c, string text)
    {
        if (text.IndexOf('@', StringComparison.Ordinal) < 0) return ([], false);
        var (names, all) = Mentions.Parse(text);
        var mentionAll = all && (c.MemberCount <= options.Value.MentionAllOpenUpTo || c.WriterIsManager);
        return (MessageStore.MemberIdsByUsername(w, c.Id, names), mentionAll);
    }
}
