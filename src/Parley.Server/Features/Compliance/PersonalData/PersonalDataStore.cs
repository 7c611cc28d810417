using System.Data.Common;
using Dapper;
using Parley.Server.Common;
using Parley.Server.Features.Files;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.PersonalData;

/// <summary>
/// What Parley holds about one user (PIPL/GDPR): read for the personal data export, counted and removed by erasure.
/// Rows leave as dictionaries keyed by their JSON names (quoted aliases keep the case on PostgreSQL); integer columns
/// named <c>…At</c> are Unix milliseconds and become ISO 8601 times.
/// </summary>
public static class PersonalDataStore
{
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(DbConnection c, string sql, object args) =>
        [.. (await c.QueryAsync(sql, args)).Cast<IDictionary<string, object?>>().Select(Json)];

    private static Dictionary<string, object?> Json(IDictionary<string, object?> row) =>
        row.ToDictionary(kv => kv.Key, kv => kv.Key.EndsWith("At", StringComparison.Ordinal) && kv.Value is long ms ? (object?)UnixMs.To(ms) : kv.Value);

    public static async Task<Dictionary<string, object?>?> AccountAsync(DbConnection c, long userId) =>
        (await RowsAsync(c, """
            SELECT id AS "id", username AS "username", display_name AS "displayName", auth_source AS "authSource", is_active AS "isActive",
                   created_at AS "createdAt", title AS "title", phone AS "phone", employee_number AS "employeeNumber", manager_id AS "managerId",
                   erased_at AS "erasedAt"
            FROM users WHERE id = @userId
            """, new { userId })).SingleOrDefault();

    public static async Task<List<string>> RolesAsync(DbConnection c, long userId) =>
        (await c.QueryAsync<string>("SELECT role FROM user_roles WHERE user_id = @userId ORDER BY role", new { userId })).AsList();

    public static Task<List<Dictionary<string, object?>>> DepartmentsAsync(DbConnection c, long userId) =>
        RowsAsync(c, """
            SELECT d.id AS "id", d.name AS "name", dm.added_at AS "addedAt" FROM department_members dm JOIN departments d ON d.id = dm.department_id
            WHERE dm.user_id = @userId ORDER BY d.id
            """, new { userId });

    /// <summary>Whether a confirmed second factor is on; the secret and recovery codes never leave the server.</summary>
    public static async Task<bool> TotpEnabledAsync(DbConnection c, long userId) =>
        await c.ExecuteScalarAsync<long>("SELECT count(*) FROM user_totp WHERE user_id = @userId AND confirmed_at IS NOT NULL", new { userId }) > 0;

    public static Task<List<Dictionary<string, object?>>> PushSettingsAsync(DbConnection c, long userId) =>
        RowsAsync(c, """
            SELECT hide_content AS "hideContent", quiet_start AS "quietStart", quiet_end AS "quietEnd", time_zone AS "timeZone",
                   paused_until AS "pausedUntil", updated_at AS "updatedAt"
            FROM push_settings WHERE user_id = @userId
            """, new { userId });

    public static Task<List<Dictionary<string, object?>>> MembershipsAsync(DbConnection c, long userId) =>
        RowsAsync(c, """
            SELECT m.conversation_id AS "conversationId", c.kind AS "kind", c.name AS "name", m.role AS "role", m.muted AS "muted",
                   m.active AS "active", m.joined_at AS "joinedAt"
            FROM members m JOIN conversations c ON c.id = m.conversation_id WHERE m.user_id = @userId ORDER BY m.conversation_id
            """, new { userId });

    /// <summary>Sessions (never their tokens) and the sign-ins the system log recorded, with the address.</summary>
    public static Task<List<Dictionary<string, object?>>> SessionsAsync(DbConnection c, long userId) =>
        RowsAsync(c, """
            SELECT id AS "id", provider AS "provider", user_agent AS "userAgent", created_at AS "createdAt", last_seen_at AS "lastSeenAt",
                   expires_at AS "expiresAt", revoked_at AS "revokedAt"
            FROM sessions WHERE user_id = @userId ORDER BY id
            """, new { userId });

    public static Task<List<Dictionary<string, object?>>> SignInsAsync(DbConnection c, long userId) =>
        RowsAsync(c, """
            SELECT type AS "action", address AS "address", via AS "via", created_at AS "createdAt" FROM system_events
            WHERE target_id = @userId AND type LIKE 'auth.%' ORDER BY id
            """, new { userId });

    public static Task<long> CountMessagesAsync(DbConnection c, long userId) =>
        c.ExecuteScalarAsync<long>($"SELECT count(*) FROM messages m WHERE {OwnMessages}", new { userId });

    /// <summary>The user's messages in conversations they are or were a member of.</summary>
    private const string OwnMessages =
        "m.sender_id = @userId AND EXISTS (SELECT 1 FROM members x WHERE x.conversation_id = m.conversation_id AND x.user_id = @userId)";

    /// <summary>The next page of the user's messages, by id, as they are now (current text, no earlier versions).</summary>
    public static Task<List<Dictionary<string, object?>>> MessagesAsync(DbConnection c, long userId, long afterId, int limit) =>
        RowsAsync(c, $"""
            SELECT m.id AS "id", m.conversation_id AS "conversationId", c.name AS "conversationName", c.kind AS "conversationKind", m.seq AS "seq",
                   m.text AS "text", m.thread_root_id AS "threadRootId", m.quote_id AS "quoteId", m.created_at AS "createdAt", m.edited_at AS "editedAt",
                   m.deleted_at AS "deletedAt", m.recalled_at AS "recalledAt", m.purged_at AS "purgedAt"
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE {OwnMessages} AND m.id > @afterId ORDER BY m.id LIMIT @limit
            """, new { userId, afterId, limit });

    public static Task<List<Dictionary<string, object?>>> ReactionsAsync(DbConnection c, long userId) =>
        RowsAsync(c, """
            SELECT r.message_id AS "messageId", m.conversation_id AS "conversationId", r.emoji AS "emoji", r.created_at AS "createdAt"
            FROM reactions r JOIN messages m ON m.id = r.message_id WHERE r.user_id = @userId ORDER BY r.created_at, r.message_id
            """, new { userId });

    public static Task<List<Dictionary<string, object?>>> BookmarksAsync(DbConnection c, long userId) =>
        RowsAsync(c, """
            SELECT id AS "id", message_id AS "messageId", conversation_id AS "conversationId", note AS "note", created_at AS "createdAt"
            FROM bookmarks WHERE user_id = @userId ORDER BY id
            """, new { userId });

    public static Task<List<Dictionary<string, object?>>> DraftsAsync(DbConnection c, long userId) =>
        RowsAsync(c, """
            SELECT conversation_id AS "conversationId", thread_root_id AS "threadRootId", text AS "text", updated_at AS "updatedAt"
            FROM drafts WHERE user_id = @userId ORDER BY conversation_id, thread_root_id
            """, new { userId });

    public static Task<List<Dictionary<string, object?>>> ScheduledAsync(DbConnection c, long userId) =>
        RowsAsync(c, """
            SELECT id AS "id", conversation_id AS "conversationId", text AS "text", thread_root_id AS "threadRootId", send_at AS "sendAt",
                   status AS "status", message_id AS "messageId", created_at AS "createdAt"
            FROM scheduled_messages WHERE user_id = @userId ORDER BY id
            """, new { userId });

    public static Task<List<Dictionary<string, object?>>> RemindersAsync(DbConnection c, long userId) =>
        RowsAsync(c, """
            SELECT id AS "id", message_id AS "messageId", conversation_id AS "conversationId", remind_at AS "remindAt", status AS "status",
                   created_at AS "createdAt"
            FROM reminders WHERE user_id = @userId ORDER BY id
            """, new { userId });

    /// <summary>The files the user uploaded whose bytes are still kept.</summary>
    public static async Task<List<FileRecord>> UploadedFilesAsync(DbConnection c, long userId) =>
        (await c.QueryAsync<FileRecord>($"SELECT {FileStore.Columns} FROM files f WHERE f.uploader_id = @userId AND f.deleted_at IS NULL ORDER BY f.id",
            new { userId })).AsList();
}
