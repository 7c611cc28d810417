using System.Data.Common;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Scheduled;

/// <summary>Rows of <c>reminders</c> (migration 13): one per user and message.</summary>
public static class ReminderStore
{
    public sealed class Row
    {
        public long Id { get; init; }
        public long UserId { get; init; }
        public long MessageId { get; init; }
        public long ConversationId { get; init; }
        public long RemindAt { get; init; }
        public string Status { get; init; } = "";
        public string? Preview { get; init; }
        public long CreatedAt { get; init; }

        public ReminderDto ToDto(string? status = null) =>
            new(Id, MessageId, ConversationId, UnixMs.To(RemindAt), status ?? Status, Preview, UnixMs.To(CreatedAt));
    }

    // The preview (first 200 characters) only while the user may still read the message (an active member) and it still has its text.
    private const string Select = """
        SELECT r.id, r.user_id AS UserId, r.message_id AS MessageId, r.conversation_id AS ConversationId, r.remind_at AS RemindAt,
               r.status, r.created_at AS CreatedAt,
               CASE WHEN mb.user_id IS NOT NULL AND m.deleted_at IS NULL AND m.recalled_at IS NULL AND m.purged_at IS NULL
                    THEN substr(m.text, 1, 200) END AS Preview
        FROM reminders r
        LEFT JOIN messages m ON m.id = r.message_id
        LEFT JOIN members mb ON mb.conversation_id = r.conversation_id AND mb.user_id = r.user_id AND mb.active = 1
        """;

    public static async Task<List<Row>> OfUserAsync(DbConnection c, long userId) =>
        (await c.QueryAsync<Row>($"{Select} WHERE r.user_id = @userId ORDER BY r.remind_at, r.id", new { userId })).AsList();

    /// <summary>Pending reminders whose time came, earliest first: one range scan of ix_reminders_next.</summary>
    public static async Task<List<long>> DueAsync(DbConnection c, long now, int limit) =>
        (await c.QueryAsync<long>("SELECT id FROM reminders WHERE next_at <= @now ORDER BY next_at LIMIT @limit", new { now, limit })).AsList();

    public static Row? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<Row>($"{Select} WHERE r.id = @id", new { id }, w.Transaction);

    public static int Count(WriteContext w, long userId, long exceptMessageId) =>
        w.Connection.ExecuteScalar<int>("SELECT count(*) FROM reminders WHERE user_id = @userId AND message_id <> @exceptMessageId",
            new { userId, exceptMessageId }, w.Transaction);

    /// <summary>Sets (or moves) the user's reminder of a message; a due one becomes pending again.</summary>
    public static long Upsert(WriteContext w, long userId, long messageId, long conversationId, long at) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO reminders(user_id, message_id, conversation_id, remind_at, status, next_at, created_at)
            VALUES (@userId, @messageId, @conversationId, @at, 'pending', @at, @now)
            ON CONFLICT (user_id, message_id) DO UPDATE SET remind_at = @at, status = 'pending', next_at = @at, fired_at = NULL
            RETURNING id
            """, new { userId, messageId, conversationId, at, now = w.NowMs }, w.Transaction);

    public static bool Delete(WriteContext w, long id) =>
        w.Connection.Execute("DELETE FROM reminders WHERE id = @id", new { id }, w.Transaction) == 1;

    /// <summary>Marks a due reminder fired; false when it is not due or another node fired it (the guard makes it once in a cluster).</summary>
    public static bool Fire(WriteContext w, long id) =>
        w.Connection.Execute(
            "UPDATE reminders SET status = 'due', next_at = NULL, fired_at = @now WHERE id = @id AND status = 'pending' AND next_at <= @now",
            new { id, now = w.NowMs }, w.Transaction) == 1;
}
