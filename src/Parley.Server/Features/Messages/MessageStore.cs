using System.Data.Common;
using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Messages;

public sealed class MessageStore(Database database)
{
    internal const string Columns = """
        m.id, m.conversation_id AS ConversationId, m.seq, m.sender_id AS SenderId, m.text, m.client_msg_id AS ClientMsgId,
        m.thread_root_id AS ThreadRootId, m.reply_count AS ReplyCount, m.quote_id AS QuoteId, m.forwarded_from_id AS ForwardedFromId,
        m.mentions, m.mentions_all AS MentionsAll, m.created_at AS CreatedAt, m.edited_at AS EditedAt, m.deleted_at AS DeletedAt,
        m.recalled_at AS RecalledAt, m.pinned_at AS PinnedAt, m.purged_at AS PurgedAt
        """;

    public async Task<MessageRecord?> FindAsync(long id)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<MessageRecord>($"SELECT {Columns} FROM messages m WHERE m.id = @id", new { id });
    }

    /// <summary>A page in seq order: after <paramref name="afterSeq"/>, before <paramref name="beforeSeq"/>, or the latest when neither.</summary>
    public async Task<IReadOnlyList<MessageRecord>> PageAsync(long conversationId, long? afterSeq, long? beforeSeq, int limit, long? threadRootId)
    {
        await using var c = await database.OpenAsync();
        var thread = threadRootId is null ? "m.thread_root_id IS NULL" : "m.thread_root_id = @threadRootId";
        if (afterSeq is not null)
        {
            return (await c.QueryAsync<MessageRecord>(
                $"SELECT {Columns} FROM messages m WHERE m.conversation_id = @conversationId AND m.seq > @afterSeq AND (@beforeSeq IS NULL OR m.seq < @beforeSeq) AND {thread} ORDER BY m.seq LIMIT @limit",
                new { conversationId, afterSeq, beforeSeq, limit, threadRootId })).AsList();
        }
        var rows = (await c.QueryAsync<MessageRecord>(
            $"SELECT {Columns} FROM messages m WHERE m.conversation_id = @conversationId AND (@beforeSeq IS NULL OR m.seq < @beforeSeq) AND {thread} ORDER BY m.seq DESC LIMIT @limit",
            new { conversationId, beforeSeq, limit, threadRootId })).AsList();
        rows.Reverse();
        return rows;
    }

    public async Task<IReadOnlyList<MessageRecord>> PinnedAsync(long conversationId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<MessageRecord>($"SELECT {Columns} FROM messages m WHERE m.conversation_id = @conversationId AND m.pinned_at IS NOT NULL ORDER BY m.pinned_at DESC LIMIT 200",
            new { conversationId })).AsList();
    }

    public async Task<IReadOnlyList<MessageRecord>> FindManyAsync(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0) return [];
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<MessageRecord>($"SELECT {Columns} FROM messages m WHERE {Sql.In(c, "m.id", "ids")}",
            new { ids = Sql.List(c, ids) })).AsList();
    }

    public sealed record ReactionRow(long MessageId, string Emoji, long UserId);

    public async Task<ILookup<long, ReactionRow>> ReactionsAsync(IReadOnlyCollection<long> messageIds)
    {
        if (messageIds.Count == 0) return Array.Empty<ReactionRow>().ToLookup(r => r.MessageId);
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<ReactionRow>(
            $"SELECT message_id AS MessageId, emoji, user_id AS UserId FROM reactions WHERE {Sql.In(c, "message_id", "ids")} ORDER BY created_at",
            new { ids = Sql.List(c, messageIds) })).ToLookup(r => r.MessageId);
    }

    public sealed class EventRow
    {
        public long Id { get; init; }
        public long ConversationId { get; init; }
        public long Seq { get; init; }
        public string Type { get; init; } = "";
        public long? MessageId { get; init; }
        public string? Data { get; init; }
        public long CreatedAt { get; init; }
    }

    public async Task<IReadOnlyList<EventRow>> EventsAsync(long conversationId, long afterSeq, int limit)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<EventRow>(
            "SELECT id, conversation_id AS ConversationId, seq, type, message_id AS MessageId, data, created_at AS CreatedAt FROM events WHERE conversation_id = @conversationId AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { conversationId, afterSeq, limit })).AsList();
    }

    public sealed record ReaderRow(long UserId, long ReadSeq);

    public async Task<IReadOnlyList<ReaderRow>> ActiveMemberReadSeqsAsync(long conversationId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<ReaderRow>("SELECT user_id AS UserId, read_seq AS ReadSeq FROM members WHERE conversation_id = @conversationId AND active = 1 ORDER BY user_id",
            new { conversationId })).AsList();
    }

    // ---- writes ----

    public static MessageRecord? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<MessageRecord>($"SELECT {Columns} FROM messages m WHERE m.id = @id", new { id }, w.Transaction);

    public static MessageRecord? FindByClientId(WriteContext w, long conversationId, long senderId, string clientMsgId) =>
        w.Connection.QuerySingleOrDefault<MessageRecord>(
            $"SELECT {Columns} FROM messages m WHERE m.conversation_id = @conversationId AND m.sender_id = @senderId AND m.client_msg_id = @clientMsgId",
            new { conversationId, senderId, clientMsgId }, w.Transaction);

    /// <summary>The message row only; mentions, search and files are write steps (Platform/Pipeline).</summary>
    public static long Insert(WriteContext w, long conversationId, long seq, long senderId, string text, string? clientMsgId,
        long? threadRootId, long? quoteId, long? forwardedFromId, long[] mentions, bool mentionsAll)
    {
        var id = w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO messages(conversation_id, seq, sender_id, text, client_msg_id, thread_root_id, quote_id, forwarded_from_id, mentions, mentions_all, created_at)
            VALUES (@conversationId, @seq, @senderId, @text, @clientMsgId, @threadRootId, @quoteId, @forwardedFromId, @mentionsJson, @mentionsAll, @now) RETURNING id
            """,
            new { conversationId, seq, senderId, text, clientMsgId, threadRootId, quoteId, forwardedFromId, mentionsJson = MentionsJson(mentions), mentionsAll = Sql.Flag(mentionsAll), now = w.NowMs },
            w.Transaction);
        if (threadRootId is not null)
            w.Connection.Execute("UPDATE messages SET reply_count = reply_count + 1 WHERE id = @threadRootId", new { threadRootId }, w.Transaction);
        return id;
    }

    public static void UpdateText(WriteContext w, long id, string text)
    {
        w.Connection.Execute("UPDATE messages SET text = @text, edited_at = @now WHERE id = @id", new { id, text, now = w.NowMs }, w.Transaction);
    }

    /// <summary>Replaces the mentions a message carries (an edit changed its text).</summary>
    public static void SetMentions(WriteContext w, long messageId, long[] mentions, bool mentionsAll) =>
        w.Connection.Execute("UPDATE messages SET mentions = @json, mentions_all = @all WHERE id = @messageId",
            new { messageId, json = MentionsJson(mentions), all = Sql.Flag(mentionsAll) }, w.Transaction);

    /// <summary>The rows that count unread mentions, one per mentioned member; user id 0 stands for @all.</summary>
    public static void InsertMentions(WriteContext w, long conversationId, long seq, long senderId, long[] mentions, bool mentionsAll)
    {
        foreach (var userId in mentionsAll ? mentions.Append(0) : mentions)
        {
            w.Connection.Execute("INSERT INTO mentions(conversation_id, user_id, seq, sender_id) VALUES (@conversationId, @userId, @seq, @senderId) ON CONFLICT DO NOTHING",
                new { conversationId, userId, seq, senderId }, w.Transaction);
        }
    }

    public static void DeleteMentions(WriteContext w, long conversationId, long seq) =>
        w.Connection.Execute("DELETE FROM mentions WHERE conversation_id = @conversationId AND seq = @seq", new { conversationId, seq }, w.Transaction);

    private static string? MentionsJson(long[] mentions) => mentions.Length == 0 ? null : JsonSerializer.Serialize(mentions);

    /// <summary>Deleting and recalling both erase the text; only the marker differs. Steps remove index entries, mentions and files.</summary>
    public static void Erase(WriteContext w, MessageRecord m, bool recall)
    {
        var column = recall ? "recalled_at" : "deleted_at";
        w.Connection.Execute($"UPDATE messages SET text = '', mentions = NULL, mentions_all = 0, pinned_at = NULL, {column} = @now WHERE id = @id", new { id = m.Id, now = w.NowMs }, w.Transaction);
        if (m.ThreadRootId is { } root)
            w.Connection.Execute("UPDATE messages SET reply_count = CASE WHEN reply_count > 0 THEN reply_count - 1 ELSE 0 END WHERE id = @root", new { root }, w.Transaction);
    }

    /// <summary>
    /// Marks messages purged and removes what is left of them: text, earlier versions, reactions; their files are
    /// detached and hidden (orphans, whose bytes the file janitor deletes). Returns the number of files released.
    /// </summary>
    public static int Purge(WriteContext w, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0) return 0;
        var args = new { ids = Sql.List(w.Connection, ids), now = w.NowMs };
        w.Connection.Execute($"UPDATE messages SET text = '', mentions = NULL, purged_at = @now WHERE {Sql.In(w.Connection, "id", "ids")} AND purged_at IS NULL", args, w.Transaction);
        w.Connection.Execute($"DELETE FROM message_versions WHERE {Sql.In(w.Connection, "message_id", "ids")}", args, w.Transaction);
        w.Connection.Execute($"DELETE FROM reactions WHERE {Sql.In(w.Connection, "message_id", "ids")}", args, w.Transaction);
        return w.Connection.Execute($"UPDATE files SET message_id = NULL, deleted_at = COALESCE(deleted_at, @now) WHERE {Sql.In(w.Connection, "message_id", "ids")}", args, w.Transaction);
    }

    public static void SetPinned(WriteContext w, long id, long? byUser) =>
        w.Connection.Execute("UPDATE messages SET pinned_at = CASE WHEN @byUser IS NULL THEN NULL ELSE @now END, pinned_by = @byUser WHERE id = @id",
            new { id, byUser, now = w.NowMs }, w.Transaction);

    public static bool AddReaction(WriteContext w, long messageId, string emoji, long userId) =>
        w.Connection.Execute("INSERT INTO reactions(message_id, emoji, user_id, created_at) VALUES (@messageId, @emoji, @userId, @now) ON CONFLICT DO NOTHING",
            new { messageId, emoji, userId, now = w.NowMs }, w.Transaction) > 0;

    public static bool RemoveReaction(WriteContext w, long messageId, string emoji, long userId) =>
        w.Connection.Execute("DELETE FROM reactions WHERE message_id = @messageId AND emoji = @emoji AND user_id = @userId",
            new { messageId, emoji, userId }, w.Transaction) > 0;

    public static int DistinctEmojis(WriteContext w, long messageId) =>
        w.Connection.ExecuteScalar<int>("SELECT count(DISTINCT emoji) FROM reactions WHERE message_id = @messageId", new { messageId }, w.Transaction);

    public static long[] MemberIdsByUsername(WriteContext w, long conversationId, IReadOnlyList<string> usernames) =>
        usernames.Count == 0 ? [] : w.Connection.Query<long>(
            $"SELECT u.id FROM users u JOIN members m ON m.user_id = u.id AND m.conversation_id = @conversationId AND m.active = 1 WHERE {Sql.In(w.Connection, "u.username", "names", "CITEXT[]")}",
            new { conversationId, names = Sql.List(w.Connection, usernames) }, w.Transaction).ToArray();

    public static MessageDto ToDto(MessageRecord m, IEnumerable<ReactionRow>? reactions) => new(
        m.Id, m.ConversationId, m.Seq, m.SenderId, m.Text, m.ClientMsgId, UnixMs.To(m.CreatedAt), UnixMs.To(m.EditedAt),
        UnixMs.To(m.DeletedAt), UnixMs.To(m.RecalledAt), m.ThreadRootId, m.ReplyCount, m.QuoteId, m.ForwardedFromId,
        m.Mentions is null ? [] : JsonSerializer.Deserialize<long[]>(m.Mentions) ?? [], m.MentionsAll, UnixMs.To(m.PinnedAt),
        (reactions ?? []).GroupBy(r => r.Emoji).Select(g => new ReactionDto(g.Key, g.Count(), g.Select(r => r.UserId).ToArray())).ToList());

    public static IReadOnlyList<ReactionRow> ReactionsOf(WriteContext w, long messageId) =>
        w.Connection.Query<ReactionRow>("SELECT message_id AS MessageId, emoji, user_id AS UserId FROM reactions WHERE message_id = @messageId ORDER BY created_at",
            new { messageId }, w.Transaction).AsList();
}
