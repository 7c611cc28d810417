using System.Data.Common;
using Dapper;
using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.Retention;

/// <summary>Rows of <c>retention_policies</c> and <c>legal_holds</c> (migration 10).</summary>
public static class RetentionStore
{
    // Classes with setters rather than positional records: Dapper then converts SQLite's 64-bit integers per column.
    public sealed class PolicyRow
    {
        public string Scope { get; init; } = "";
        public int? Days { get; init; }
        public long? UpdatedBy { get; init; }
        public long UpdatedAt { get; init; }
        public string? ConversationName { get; init; }
    }

    public sealed class HoldRow
    {
        public long Id { get; init; }
        public string TargetType { get; init; } = "";
        public long TargetId { get; init; }
        public string? TargetName { get; init; }
        public string Reason { get; init; } = "";
        public long? CreatedBy { get; init; }
        public long CreatedAt { get; init; }
        public long? ReleasedBy { get; init; }
        public long? ReleasedAt { get; init; }
    }

    private const string HoldColumns = """
        h.id, h.target_type AS TargetType, h.target_id AS TargetId,
        CASE WHEN h.target_type = 'user' THEN (SELECT u.username FROM users u WHERE u.id = h.target_id)
             ELSE (SELECT c.name FROM conversations c WHERE c.id = h.target_id) END AS TargetName,
        h.reason, h.created_by AS CreatedBy, h.created_at AS CreatedAt, h.released_by AS ReleasedBy, h.released_at AS ReleasedAt
        """;

    public static async Task<List<PolicyRow>> PoliciesAsync(DbConnection c) =>
        (await c.QueryAsync<PolicyRow>(
            """
            SELECT p.scope, p.days, p.updated_by AS UpdatedBy, p.updated_at AS UpdatedAt, c.name AS ConversationName
            FROM retention_policies p LEFT JOIN conversations c ON p.scope = 'conversation:' || c.id ORDER BY p.scope
            """)).AsList();

    public static void SetPolicy(WriteContext w, string scope, int? days, long? by) =>
        w.Connection.Execute(
            """
            INSERT INTO retention_policies(scope, days, updated_by, updated_at) VALUES (@scope, @days, @by, @now)
            ON CONFLICT (scope) DO UPDATE SET days = excluded.days, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, new { scope, days, by, now = w.NowMs }, w.Transaction);

    public static bool DeletePolicy(WriteContext w, string scope) =>
        w.Connection.Execute("DELETE FROM retention_policies WHERE scope = @scope", new { scope }, w.Transaction) > 0;

    public static async Task<List<HoldRow>> HoldsAsync(DbConnection c, bool activeOnly) =>
        (await c.QueryAsync<HoldRow>($"SELECT {HoldColumns} FROM legal_holds h {(activeOnly ? "WHERE h.released_at IS NULL" : "")} ORDER BY h.id DESC LIMIT 1000")).AsList();

    public static HoldRow? Hold(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<HoldRow>($"SELECT {HoldColumns} FROM legal_holds h WHERE h.id = @id", new { id }, w.Transaction);

    public static bool ActiveHoldExists(WriteContext w, string targetType, long targetId) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM legal_holds WHERE target_type = @targetType AND target_id = @targetId AND released_at IS NULL",
            new { targetType, targetId }, w.Transaction) > 0;

    public static long InsertHold(WriteContext w, string targetType, long targetId, string reason, long? by) =>
        w.Connection.ExecuteScalar<long>(
            "INSERT INTO legal_holds(target_type, target_id, reason, created_by, created_at) VALUES (@targetType, @targetId, @reason, @by, @now) RETURNING id",
            new { targetType, targetId, reason, by, now = w.NowMs }, w.Transaction);

    public static void ReleaseHold(WriteContext w, long id, long? by) =>
        w.Connection.Execute("UPDATE legal_holds SET released_by = @by, released_at = @now WHERE id = @id", new { id, by, now = w.NowMs }, w.Transaction);

    public static bool TargetExists(WriteContext w, string targetType, long targetId) =>
        w.Connection.ExecuteScalar<long>(
            targetType == LegalHoldTargets.User ? "SELECT count(*) FROM users WHERE id = @targetId" : "SELECT count(*) FROM conversations WHERE id = @targetId",
            new { targetId }, w.Transaction) > 0;

    /// <summary>The data of the newest <c>retention.purged</c> system event (what the last purge removed), or null.</summary>
    public static Task<string?> LastRunAsync(DbConnection c) =>
        c.QuerySingleOrDefaultAsync<string?>("SELECT data FROM system_events WHERE type = @type ORDER BY id DESC LIMIT 1",
            new { type = Platform.SystemLog.SystemEventTypes.RetentionPurged });

    public static async Task<List<(long Id, string Kind)>> ConversationsAsync(DbConnection c) =>
        (await c.QueryAsync<(long, string)>("SELECT id, kind FROM conversations ORDER BY id")).AsList();

    /// <summary>Messages of a conversation created before the cutoff whose content is still kept, oldest first, leaving out the held senders.</summary>
    public static async Task<List<long>> DueAsync(DbConnection c, long conversationId, long cutoff, IReadOnlyCollection<long> heldSenders, int limit)
    {
        var held = heldSenders.Count == 0 ? "" : $"AND NOT ({Sql.In(c, "sender_id", "held")})";
        return (await c.QueryAsync<long>(
            $"SELECT id FROM messages WHERE conversation_id = @conversationId AND purged_at IS NULL AND created_at < @cutoff {held} ORDER BY created_at, id LIMIT @limit",
            new { conversationId, cutoff, held = Sql.List(c, heldSenders), limit })).AsList();
    }
}
