using System.Text.Json;
using Dapper;
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
        InsertRows(w, draft.Conversation.Id, draft.Seq, draft.SenderId, draft.Mentions, draft.MentionsAll);

    public void AfterEdit(WriteContext w, MessageChange change)
    {
        var (ids, all) = Resolve(w, change.Conversation, change.NewText);
        w.Connection.Execute("UPDATE messages SET mentions = @json, mentions_all = @all WHERE id = @id",
            new { id = change.MessageId, json = ids.Length == 0 ? null : JsonSerializer.Serialize(ids), all = Sql.Flag(all) }, w.Transaction);
        DeleteRows(w, change);
        InsertRows(w, change.Conversation.Id, change.Seq, change.SenderId, ids, all);
    }

    public void AfterErase(WriteContext w, MessageChange change) => DeleteRows(w, change);

    private (long[] Ids, bool All) Resolve(WriteContext w, ConversationFacts c, string text)
    {
        if (text.IndexOf('@', StringComparison.Ordinal) < 0) return ([], false);
        var (names, all) = Mentions.Parse(text);
        var mentionAll = all && (c.MemberCount <= options.Value.MentionAllOpenUpTo || c.WriterIsManager);
        return (MessageStore.MemberIdsByUsername(w, c.Id, names), mentionAll);
    }

    private static void DeleteRows(WriteContext w, MessageChange change) =>
        w.Connection.Execute("DELETE FROM mentions WHERE conversation_id = @conversationId AND seq = @seq",
            new { conversationId = change.Conversation.Id, seq = change.Seq }, w.Transaction);

    /// <summary>User id 0 stands for @all.</summary>
    private static void InsertRows(WriteContext w, long conversationId, long seq, long senderId, long[] ids, bool all)
    {
        foreach (var userId in ids.Append(all ? 0 : -1).Where(u => u >= 0))
        {
            w.Connection.Execute("INSERT INTO mentions(conversation_id, user_id, seq, sender_id) VALUES (@conversationId, @userId, @seq, @senderId) ON CONFLICT DO NOTHING",
                new { conversationId, userId, seq, senderId }, w.Transaction);
        }
    }
}
