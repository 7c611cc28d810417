using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Saved;

/// <summary>bookmarks: a user's saved messages, with the conversation kept beside the message id for listing.</summary>
public sealed class BookmarkStore(Database database)
{
    public sealed record Row(long Id, long MessageId, long ConversationId, string? Note, long CreatedAt);

    /// <summary>A bookmark with what decides whether its message can still be read by its owner.</summary>
    public sealed class ListedRow
    {
        public long Id { get; init; }
        public long MessageId { get; init; }
        public long ConversationId { get; init; }
        public string? Note { get; init; }
        public long CreatedAt { get; init; }
        public string? ConversationName { get; init; }
        public string? ConversationKind { get; init; }
        public bool IsMember { get; init; }
        public bool MessageGone { get; init; }
    }

    public static Row? Find(WriteContext w, long userId, long messageId) =>
        w.Connection.QuerySingleOrDefault<Row>(
            "SELECT id, message_id AS MessageId, conversation_id AS ConversationId, note, created_at AS CreatedAt FROM bookmarks WHERE user_id = @userId AND message_id = @messageId",
            new { userId, messageId }, w.Transaction);

    public static long Count(WriteContext w, long userId) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM bookmarks WHERE user_id = @userId", new { userId }, w.Transaction);

    /// <summary>Inserts or, when the message is bookmarked already (the unique index decides), replaces the note.</summary>
    public static Row Upsert(WriteContext w, long userId, long messageId, long conversationId, string? note) =>
        w.Connection.QuerySingle<Row>(
            """
            INSERT INTO bookmarks(user_id, message_id, conversation_id, note, created_at) VALUES (@userId, @messageId, @conversationId, @note, @now)
            ON CONFLICT(user_id, message_id) DO UPDATE SET note = excluded.note
            RETURNING id, message_id AS MessageId, conversation_id AS ConversationId, note, created_at AS CreatedAt
            """,
            new { userId, messageId, conversationId, note, now = w.NowMs }, w.Transaction);

    public static Row? Delete(WriteContext w, long userId, long messageId) =>
        w.Connection.QuerySingleOrDefault<Row>(
            "DELETE FROM bookmarks WHERE user_id = @userId AND message_id = @messageId RETURNING id, message_id AS MessageId, conversation_id AS ConversationId, note, created_at AS CreatedAt",
            new { userId, messageId }, w.Transaction);

    /// <summary>Newest saved first, before the bookmark id <paramref name="before"/> (0: from the newest).</summary>
    public async Task<IReadOnlyList<ListedRow>> PageAsync(long userId, long before, int limit)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<ListedRow>(
            """
            SELECT b.id, b.message_id AS MessageId, b.conversation_id AS ConversationId, b.note, b.created_at AS CreatedAt,
                   CASE WHEN mb.user_id IS NULL THEN NULL ELSE c.name END AS ConversationName,
                   CASE WHEN mb.user_id IS NULL THEN NULL ELSE c.kind END AS ConversationKind,
                   CASE WHEN mb.user_id IS NULL THEN 0 ELSE 1 END AS IsMember,
                   CASE WHEN m.id IS NULL OR m.deleted_at IS NOT NULL OR m.recalled_at IS NOT NULL OR m.purged_at IS NOT NULL THEN 1 ELSE 0 END AS MessageGone
            FROM bookmarks b
            LEFT JOIN messages m ON m.id = b.message_id
            LEFT JOIN conversations c ON c.id = b.conversation_id
            LEFT JOIN members mb ON mb.conversation_id = b.conversation_id AND mb.user_id = b.user_id AND mb.active = 1
            WHERE b.user_id = @userId AND (@before = 0 OR b.id < @before)
            ORDER BY b.id DESC
            LIMIT @limit
            """, new { userId, before, limit })).AsList();
    }
}
