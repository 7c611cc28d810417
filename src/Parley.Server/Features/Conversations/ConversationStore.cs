using System.Data.Common;
using Dapper;
using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Features.Conversations;

public sealed class ConversationStore(Database database)
{
    private const string Select = """
        SELECT c.id, c.kind, c.name, c.topic, c.announcement, c.is_archived AS IsArchived, c.direct_key AS DirectKey,
               c.last_seq AS LastSeq, c.last_event_id AS LastEventId, c.member_count AS MemberCount, c.created_by AS CreatedBy,
               c.created_at AS CreatedAt, c.last_activity_at AS LastActivityAt, c.watermark AS Watermark,
               m.role AS Role, coalesce(m.read_seq, 0) AS ReadSeq, coalesce(m.muted, 0) AS Muted
        FROM conversations c
        """;

    /// <summary>The conversation as <paramref name="userId"/> sees it; Role is null when the user is not an active member.</summary>
    public async Task<ConversationRecord?> FindAsync(long id, long userId)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<ConversationRecord>(FindSql, new { id, userId });
    }

    private const string FindSql = Select + " LEFT JOIN members m ON m.conversation_id = c.id AND m.user_id = @userId AND m.active = 1 WHERE c.id = @id";

    public static ConversationRecord? Find(DbConnection c, DbTransaction? tx, long id, long userId) =>
        c.QuerySingleOrDefault<ConversationRecord>(FindSql, new { id, userId }, tx);

    public static ConversationRecord? Find(WriteContext w, long id, long userId) => Find(w.Connection, w.Transaction, id, userId);

    public async Task<IReadOnlyList<ConversationRecord>> ListForUserAsync(long userId, long sinceEventId = 0)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<ConversationRecord>(
            Select + " JOIN members m ON m.conversation_id = c.id AND m.user_id = @userId AND m.active = 1 WHERE c.last_event_id > @sinceEventId OR m.changed_event_id > @sinceEventId ORDER BY c.last_activity_at DESC",
            new { userId, sinceEventId })).AsList();
    }

    /// <summary>Conversations the user has left (or was removed from) since the cursor.</summary>
    public async Task<IReadOnlyList<long>> RemovedSinceAsync(long userId, long sinceEventId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<long>("SELECT conversation_id FROM members WHERE user_id = @userId AND active = 0 AND changed_event_id > @sinceEventId",
            new { userId, sinceEventId })).AsList();
    }

    /// <summary>Longer than any writer transaction can stay open (statement and lock timeouts of the writer connection).</summary>
    public static readonly TimeSpan CursorMargin = TimeSpan.FromMinutes(1);

    public async Task<long> MaxEventIdAsync()
    {
        await using var c = await database.OpenAsync();
        // SQLite: one writer, so ids are taken in commit order and the largest is a safe cursor. PostgreSQL: several
        // nodes write at once and an id can become visible after a larger one; stop the cursor before anything
        // written in the last CursorMargin (writer statements time out long before), so nothing is skipped; the
        // conversations in that margin are reported again next time, which clients handle as a no-op.
        return Sql.IsPostgres(c)
            ? await c.ExecuteScalarAsync<long?>(
                "SELECT coalesce((SELECT min(id) - 1 FROM events WHERE created_at > @recent), (SELECT max(id) FROM events))",
                new { recent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)CursorMargin.TotalMilliseconds }) ?? 0
            : await c.ExecuteScalarAsync<long?>("SELECT max(id) FROM events") ?? 0;
    }

    public async Task<IReadOnlyList<long>> ActiveConversationIdsAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<long>(ActiveConversationIdsSql, new { userId })).AsList();
    }

    private const string ActiveConversationIdsSql = "SELECT conversation_id FROM members WHERE user_id = @userId AND active = 1";

    public async Task<IReadOnlyList<ConversationRecord>> BrowseChannelsAsync(long userId, string? query, int limit)
    {
        await using var c = await database.OpenAsync();
        var pattern = string.IsNullOrWhiteSpace(query) ? null : "%" + Users.UserStore.EscapeLike(query.Trim()) + "%";
        return (await c.QueryAsync<ConversationRecord>(
            Select + """
             LEFT JOIN members m ON m.conversation_id = c.id AND m.user_id = @userId AND m.active = 1
            WHERE c.kind = 'channel' AND c.is_archived = 0 AND (@pattern IS NULL OR lower(c.name) LIKE lower(@pattern) ESCAPE '\' OR lower(c.topic) LIKE lower(@pattern) ESCAPE '\')
            ORDER BY c.member_count DESC, c.id LIMIT @limit
            """, new { userId, pattern, limit })).AsList();
    }

    public async Task<IReadOnlyList<MemberRecord>> MembersAsync(long conversationId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<MemberRecord>(
            """
            SELECT m.user_id AS UserId, u.username, u.display_name AS DisplayName, m.role, m.read_seq AS ReadSeq, m.muted, m.joined_at AS JoinedAt,
                   a.blob_key AS AvatarKey
            FROM members m JOIN users u ON u.id = m.user_id LEFT JOIN user_avatars a ON a.user_id = m.user_id
            WHERE m.conversation_id = @conversationId AND m.active = 1 ORDER BY m.joined_at, m.user_id
            """, new { conversationId })).AsList();
    }

    public async Task<(int Unread, int Mentions)> CountsAsync(long conversationId, long userId, long readSeq)
    {
        await using var c = await database.OpenAsync();
        // Capped: a badge shows "999+" anyway, and the cap keeps a long-absent user's list fast.
        var unread = await c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM (SELECT 1 FROM messages WHERE conversation_id = @conversationId AND seq > @readSeq AND sender_id <> @userId AND deleted_at IS NULL AND recalled_at IS NULL LIMIT 1000) u",
            new { conversationId, userId, readSeq });
        var mentions = unread == 0 ? 0 : await c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM (SELECT 1 FROM mentions WHERE conversation_id = @conversationId AND user_id IN (@userId, 0) AND seq > @readSeq AND sender_id <> @userId LIMIT 1000) u",
            new { conversationId, userId, readSeq });
        return (unread, mentions);
    }

    // ---- writes (inside the group-commit transaction) ----

    public static long? FindDirect(WriteContext w, string directKey) =>
        w.Connection.ExecuteScalar<long?>("SELECT id FROM conversations WHERE direct_key = @directKey", new { directKey }, w.Transaction);

    public static long Insert(WriteContext w, string kind, string? name, string? topic, string? directKey, long createdBy) =>
        w.Connection.ExecuteScalar<long>(
            "INSERT INTO conversations(kind, name, topic, direct_key, created_by, created_at, last_activity_at) VALUES (@kind, @name, @topic, @directKey, @createdBy, @now, @now) RETURNING id",
            new { kind, name, topic, directKey, createdBy, now = w.NowMs }, w.Transaction);

    /// <summary>Adds or re-activates a membership. Returns false when the user was already an active member.</summary>
    public static bool UpsertMember(WriteContext w, long conversationId, long userId, string role, long readSeq)
    {
        var changed = w.Connection.Execute(
            """
            INSERT INTO members(conversation_id, user_id, role, read_seq, muted, active, joined_at) VALUES (@conversationId, @userId, @role, @readSeq, 0, 1, @now)
            ON CONFLICT(conversation_id, user_id) DO UPDATE SET active = 1, role = excluded.role, joined_at = excluded.joined_at, read_seq = CASE WHEN members.read_seq > excluded.read_seq THEN members.read_seq ELSE excluded.read_seq END
            WHERE members.active = 0
            """, new { conversationId, userId, role, readSeq, now = w.NowMs }, w.Transaction);
        if (changed > 0)
            w.Connection.Execute("UPDATE conversations SET member_count = member_count + 1 WHERE id = @conversationId", new { conversationId }, w.Transaction);
        return changed > 0;
    }

    public static bool DeactivateMember(WriteContext w, long conversationId, long userId)
    {
        var changed = w.Connection.Execute("UPDATE members SET active = 0 WHERE conversation_id = @conversationId AND user_id = @userId AND active = 1",
            new { conversationId, userId }, w.Transaction);
        if (changed > 0)
            w.Connection.Execute("UPDATE conversations SET member_count = member_count - 1 WHERE id = @conversationId", new { conversationId }, w.Transaction);
        return changed > 0;
    }

    public static void MarkMemberChanged(WriteContext w, long conversationId, long userId, long eventId) =>
        w.Connection.Execute("UPDATE members SET changed_event_id = @eventId WHERE conversation_id = @conversationId AND user_id = @userId",
            new { conversationId, userId, eventId }, w.Transaction);

    public static string? Role(WriteContext w, long conversationId, long userId) =>
        w.Connection.ExecuteScalar<string?>("SELECT role FROM members WHERE conversation_id = @conversationId AND user_id = @userId AND active = 1",
            new { conversationId, userId }, w.Transaction);

    public static void SetRole(WriteContext w, long conversationId, long userId, string role) =>
        w.Connection.Execute("UPDATE members SET role = @role WHERE conversation_id = @conversationId AND user_id = @userId", new { conversationId, userId, role }, w.Transaction);

    public static long? NextOwnerCandidate(WriteContext w, long conversationId) =>
        w.Connection.ExecuteScalar<long?>(
            "SELECT user_id FROM members WHERE conversation_id = @conversationId AND active = 1 ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, joined_at LIMIT 1",
            new { conversationId }, w.Transaction);

    public static int CountRole(WriteContext w, long conversationId, string role) =>
        w.Connection.ExecuteScalar<int>("SELECT count(*) FROM members WHERE conversation_id = @conversationId AND active = 1 AND role = @role", new { conversationId, role }, w.Transaction);

    public static void SetMuted(WriteContext w, long conversationId, long userId, bool muted) =>
        w.Connection.Execute("UPDATE members SET muted = @muted WHERE conversation_id = @conversationId AND user_id = @userId", new { conversationId, userId, muted = Sql.Flag(muted) }, w.Transaction);

    /// <summary>Raises the member's readSeq (never lowers it) up to the conversation's last seq; returns the new value or null if unchanged.</summary>
    public static long? AdvanceRead(WriteContext w, long conversationId, long userId, long seq) =>
        w.Connection.ExecuteScalar<long?>(
            """
            UPDATE members SET read_seq = t.target
            FROM (SELECT CASE WHEN last_seq < @seq THEN last_seq ELSE @seq END AS target FROM conversations WHERE id = @conversationId) t
            WHERE conversation_id = @conversationId AND user_id = @userId AND active = 1 AND read_seq < t.target
            RETURNING read_seq
            """, new { conversationId, userId, seq }, w.Transaction);

    public static void Update(WriteContext w, long id, string? name, string? topic, string? announcement, bool? isArchived) =>
        w.Connection.Execute(
            "UPDATE conversations SET name = coalesce(@name, name), topic = coalesce(@topic, topic), announcement = coalesce(@announcement, announcement), is_archived = coalesce(@isArchived, is_archived) WHERE id = @id",
            new { id, name, topic, announcement, isArchived = isArchived is { } a ? Sql.Flag(a) : (int?)null }, w.Transaction);

    public static void SetWatermark(WriteContext w, long id, bool on) =>
        w.Connection.Execute("UPDATE conversations SET watermark = @on WHERE id = @id", new { id, on = Sql.Flag(on) }, w.Transaction);

    public static IReadOnlyList<long> ExistingActiveUsers(WriteContext w, IEnumerable<long> ids) =>
        w.Connection.Query<long>($"SELECT id FROM users WHERE is_active = 1 AND {Sql.In(w.Connection, "id", "ids")}",
            new { ids = Sql.List(w.Connection, ids) }, w.Transaction).AsList();

    public static string DirectKey(long a, long b) => a < b ? $"{a}:{b}" : $"{b}:{a}";

    public static long[]? DirectUsers(ConversationRecord c) =>
        c.Kind == ConversationKinds.Direct && c.DirectKey is { } key
            ? key.Split(':').Select(long.Parse).Distinct().ToArray()
            : null;
}
