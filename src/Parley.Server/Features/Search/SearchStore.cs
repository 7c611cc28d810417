using Dapper;
using Parley.Server.Features.Messages;
using Parley.Server.Storage;

namespace Parley.Server.Features.Search;

/// <summary>The SQL of a search: the index (<see cref="SearchIndex"/>) joined with the messages the user may read.</summary>
public sealed class SearchStore(Database database)
{
    // Search's own list of the message columns it reads (the shape of MessageRecord), so that the Messages feature's
    // store can change without this query depending on its internals.
    private const string Columns = """
        m.id, m.conversation_id AS ConversationId, m.seq, m.sender_id AS SenderId, m.text, m.client_msg_id AS ClientMsgId,
        m.thread_root_id AS ThreadRootId, m.reply_count AS ReplyCount, m.quote_id AS QuoteId, m.forwarded_from_id AS ForwardedFromId,
        m.mentions, m.mentions_all AS MentionsAll, m.created_at AS CreatedAt, m.edited_at AS EditedAt, m.deleted_at AS DeletedAt,
        m.recalled_at AS RecalledAt, m.pinned_at AS PinnedAt
        """;

    /// <summary>Live messages matching <paramref name="query"/> in the user's active conversations, newest first.</summary>
    public async Task<IReadOnlyList<MessageRecord>> FindAsync(long userId, string query, long? conversationId, long? senderId, long? fromMs, long? toMs, int limit)
    {
        await using var c = await database.OpenAsync();
        var index = SearchIndex.For(c, query);
        return (await c.QueryAsync<MessageRecord>(
            $"""
            SELECT {Columns}
            FROM {index.From}
            JOIN messages m ON m.id = {index.Id}
            JOIN members mb ON mb.conversation_id = m.conversation_id AND mb.user_id = @userId AND mb.active = 1
            WHERE {index.Match}
              AND (@conversationId IS NULL OR m.conversation_id = @conversationId)
              AND (@senderId IS NULL OR m.sender_id = @senderId)
              AND (@fromMs IS NULL OR m.created_at >= @fromMs)
              AND (@toMs IS NULL OR m.created_at < @toMs)
              AND m.deleted_at IS NULL AND m.recalled_at IS NULL
            ORDER BY {index.Id} DESC
            LIMIT @limit
            """,
            new { userId, match = index.Terms, conversationId, senderId, fromMs, toMs, limit })).AsList();
    }
}
