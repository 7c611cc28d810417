using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Saved;

/// <summary>drafts: one row per user, conversation and composer (thread_root_id 0 is the conversation's own box).</summary>
public sealed class DraftStore(Database database)
{
    public sealed record Row(long ConversationId, long ThreadRootId, string Text, long UpdatedAt);

    public static bool Exists(WriteContext w, long userId, long conversationId, long threadRootId) =>
        w.Connection.ExecuteScalar<long>(
            "SELECT count(*) FROM drafts WHERE user_id = @userId AND conversation_id = @conversationId AND thread_root_id = @threadRootId",
            new { userId, conversationId, threadRootId }, w.Transaction) > 0;

    public static long Count(WriteContext w, long userId) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM drafts WHERE user_id = @userId", new { userId }, w.Transaction);

    /// <summary>Last writer wins: the row takes this text and the writer's clock.</summary>
    public static void Upsert(WriteContext w, long userId, long conversationId, long threadRootId, string text) =>
        w.Connection.Execute(
            """
            INSERT INTO drafts(user_id, conversation_id, thread_root_id, text, updated_at) VALUES (@userId, @conversationId, @threadRootId, @text, @now)
            ON CONFLICT(user_id, conversation_id, thread_root_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at
            """,
            new { userId, conversationId, threadRootId, text, now = w.NowMs }, w.Transaction);

    public static bool Delete(WriteContext w, long userId, long conversationId, long threadRootId) =>
        w.Connection.Execute(
            "DELETE FROM drafts WHERE user_id = @userId AND conversation_id = @conversationId AND thread_root_id = @threadRootId",
            new { userId, conversationId, threadRootId }, w.Transaction) > 0;

    /// <summary>The user's drafts in conversations they are still an active member of, most recently changed first.</summary>
    public async Task<IReadOnlyList<Row>> ListAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>(
            """
            SELECT d.conversation_id AS ConversationId, d.thread_root_id AS ThreadRootId, d.text, d.updated_at AS UpdatedAt
            FROM drafts d JOIN members m ON m.conversation_id = d.conversation_id AND m.user_id = d.user_id AND m.active = 1
            WHERE d.user_id = @userId
            ORDER BY d.updated_at DESC
            """, new { userId })).AsList();
    }
}
