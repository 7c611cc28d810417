using Dapper;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Moderation;

public sealed record ModerationRuleRecord(long Id, string Pattern, string Folded, string Action, string ConversationIds, long? CreatedBy, long CreatedAt);

/// <summary>A content.flagged system event with the message text as it is now, and its review if any.</summary>
public sealed record FlagRow(
    long Id, long CreatedAt, long? ActorId, string? UserName, long? ConversationId, string? ConversationKind, string? ConversationName,
    string? Data, string? Text, string? Decision, long? ReviewerId, string? Note, long? ReviewedAt);

/// <summary>SQL for sensitive-word rules and flag reviews. Reads take a pooled connection; writes run in the group commit.</summary>
public sealed class ModerationStore(Database database)
{
    private const string Columns = "id, pattern, folded, action, conversation_ids AS ConversationIds, created_by AS CreatedBy, created_at AS CreatedAt";

    public async Task<IReadOnlyList<ModerationRuleRecord>> ListAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<ModerationRuleRecord>($"SELECT {Columns} FROM moderation_rules ORDER BY id")).AsList();
    }

    public static ModerationRuleRecord? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<ModerationRuleRecord>($"SELECT {Columns} FROM moderation_rules WHERE id = @id", new { id }, w.Transaction);

    public static bool Exists(WriteContext w, string folded, string conversationIds) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM moderation_rules WHERE folded = @folded AND conversation_ids = @conversationIds",
            new { folded, conversationIds }, w.Transaction) > 0;

    public static long Count(WriteContext w) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM moderation_rules", transaction: w.Transaction);

    public static long Insert(WriteContext w, string pattern, string folded, string action, string conversationIds, long? createdBy) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO moderation_rules(pattern, folded, action, conversation_ids, created_by, created_at)
            VALUES (@pattern, @folded, @action, @conversationIds, @createdBy, @now) RETURNING id
            """, new { pattern, folded, action, conversationIds, createdBy, now = w.NowMs }, w.Transaction);

    public static bool Delete(WriteContext w, long id) =>
        w.Connection.Execute("DELETE FROM moderation_rules WHERE id = @id", new { id }, w.Transaction) > 0;

    /// <summary>Flags newest first, before <paramref name="before"/> (an event id); <paramref name="open"/> leaves out reviewed ones.</summary>
    public async Task<IReadOnlyList<FlagRow>> FlagsAsync(long? before, bool open, int limit)
    {
        await using var c = await database.OpenAsync();
        // The message id is inside the event's JSON; each provider reads it its own way.
        var messageId = Sql.IsPostgres(c) ? "CAST(e.data AS jsonb) ->> 'messageId'" : "json_extract(e.data, '$.messageId')";
        return (await c.QueryAsync<FlagRow>(
            $"""
            SELECT e.id, e.created_at AS CreatedAt, e.actor_id AS ActorId, u.display_name AS UserName, e.conversation_id AS ConversationId,
                   c.kind AS ConversationKind, c.name AS ConversationName, e.data,
                   m.text AS Text, r.decision, r.reviewer_id AS ReviewerId, r.note, r.created_at AS ReviewedAt
            FROM system_events e
            LEFT JOIN users u ON u.id = e.actor_id
            LEFT JOIN conversations c ON c.id = e.conversation_id
            LEFT JOIN messages m ON m.id = CAST({messageId} AS BIGINT)
            LEFT JOIN moderation_reviews r ON r.flag_id = e.id
            WHERE e.type = @type AND (@before IS NULL OR e.id < @before) AND (@open = 0 OR r.flag_id IS NULL)
            ORDER BY e.id DESC LIMIT @limit
            """, new { type = SystemEventTypes.ContentFlagged, before, open = Sql.Flag(open), limit })).AsList();
    }

    public static (long? ConversationId, string? Data)? FlagEvent(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<(long?, string?)?>(
            "SELECT conversation_id, data FROM system_events WHERE id = @id AND type = @type",
            new { id, type = SystemEventTypes.ContentFlagged }, w.Transaction);

    /// <summary>Records the decision; false when the flag was already reviewed.</summary>
    public static bool Review(WriteContext w, long flagId, string decision, long? reviewerId, string? note) =>
        w.Connection.Execute(
            """
            INSERT INTO moderation_reviews(flag_id, decision, reviewer_id, note, created_at) VALUES (@flagId, @decision, @reviewerId, @note, @now)
            ON CONFLICT (flag_id) DO NOTHING
            """, new { flagId, decision, reviewerId, note, now = w.NowMs }, w.Transaction) > 0;
}
