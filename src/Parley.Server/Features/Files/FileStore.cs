using System.Data.Common;
using System.Text.Json;
using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Files;

/// <summary>SQL for files and resumable uploads. Reads open their own connection; writes run inside the writer's transaction.</summary>
public sealed class FileStore(Database database)
{
    internal const string Columns = """
        f.id, f.uploader_id AS UploaderId, f.name, f.size, f.content_type AS ContentType, f.blob_key AS BlobKey,
        f.width, f.height, f.thumb_key AS ThumbKey, f.thumb_type AS ThumbType, coalesce(f.thumb_size, 0) AS ThumbSize, f.conversation_id AS ConversationId,
        f.message_id AS MessageId, f.created_at AS CreatedAt
        """;

    /// <summary>
    /// The file if <paramref name="userId"/> may read it: its uploader before it is sent; afterwards the active
    /// members of the conversation it was sent into (exactly who may read the message); never a deactivated user, so a
    /// signed link issued before deactivation stops working. Otherwise null.
    /// </summary>
    public async Task<FileRecord?> FindVisibleAsync(long id, long userId)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<FileRecord>(
            $"""
            SELECT {Columns} FROM files f
            WHERE f.id = @id AND f.deleted_at IS NULL
              AND EXISTS (SELECT 1 FROM users u WHERE u.id = @userId AND u.is_active = 1)
              AND ((f.message_id IS NULL AND f.uploader_id = @userId)
                OR (f.message_id IS NOT NULL AND EXISTS (SELECT 1 FROM members m WHERE m.conversation_id = f.conversation_id AND m.user_id = @userId AND m.active = 1)))
            """, new { id, userId });
    }

    /// <summary>Files shared in a conversation, newest first, optionally filtered by a name substring.</summary>
    public async Task<IReadOnlyList<FileRecord>> ListForConversationAsync(long conversationId, string? query, long? beforeId, int limit)
    {
        await using var c = await database.OpenAsync();
        var pattern = string.IsNullOrEmpty(query) ? null : "%" + query.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return (await c.QueryAsync<FileRecord>(
            $"""
            SELECT {Columns} FROM files f
            WHERE f.conversation_id = @conversationId AND f.message_id IS NOT NULL AND f.deleted_at IS NULL
              AND (@beforeId IS NULL OR f.id < @beforeId)
              AND (@pattern IS NULL OR lower(f.name) LIKE lower(@pattern) ESCAPE '\')
            ORDER BY f.id DESC LIMIT @limit
            """, new { conversationId, beforeId, pattern, limit })).AsList();
    }

    /// <summary>Files of live messages, keyed by message id.</summary>
    /// <summary>The files of these messages; <paramref name="includeHidden"/> also those of erased messages whose bytes may still be stored (compliance export).</summary>
    public async Task<ILookup<long, FileRecord>> ForMessagesAsync(IReadOnlyCollection<long> messageIds, bool includeHidden = false)
    {
        if (messageIds.Count == 0) return Array.Empty<FileRecord>().ToLookup(f => f.MessageId ?? 0);
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<FileRecord>(
            $"SELECT {Columns} FROM files f WHERE {Sql.In(c, "f.message_id", "ids")} {(includeHidden ? "" : "AND f.deleted_at IS NULL")} ORDER BY f.position, f.id",
            new { ids = Sql.List(c, messageIds) })).ToLookup(f => f.MessageId ?? 0);
    }

    public sealed record Usage(long UserBytes, long GlobalBytes);

    /// <summary>Bytes counted against quotas: stored files (until purged) plus the declared size of open uploads.</summary>
    public async Task<Usage> UsageOfAsync(long userId, string? excludingUploadId = null)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleAsync<Usage>(UsageSql, new { userId, excludingUploadId });
    }

    internal static Usage UsageOf(DbConnection c, DbTransaction? tx, long userId, string? excludingUploadId) =>
        c.QuerySingle<Usage>(UsageSql, new { userId, excludingUploadId }, tx);

    private const string UsageSql =
        """
        SELECT
          CAST((SELECT coalesce(sum(size), 0) FROM files WHERE uploader_id = @userId)
            + (SELECT coalesce(sum(size), 0) FROM uploads WHERE user_id = @userId AND id IS DISTINCT FROM @excludingUploadId) AS BIGINT) AS UserBytes,
          CAST((SELECT coalesce(sum(size), 0) FROM files)
            + (SELECT coalesce(sum(size), 0) FROM uploads WHERE id IS DISTINCT FROM @excludingUploadId) AS BIGINT) AS GlobalBytes
        """;

    /// <summary>Any fixed number: the key of PostgreSQL's transaction-scoped advisory lock around the global quota.</summary>
    private const long GlobalQuotaLock = 0x7061726c6579_01; // "parley", 1

    /// <summary>
    /// Serializes quota decisions until the writer's transaction ends, so that the usage read next counts every
    /// committed and reserved byte. SQLite: the writer's transaction already excludes every other writer of the file.
    /// PostgreSQL: each node has its own writer, so the user's row is locked (and, with a global quota, one advisory
    /// lock); under READ COMMITTED the next statement sees whatever the previous holder committed. The global lock
    /// is taken first, so two operations never wait for each other's locks in opposite orders.
    /// </summary>
    public static void LockQuota(WriteContext w, long userId, bool global)
    {
        if (!Sql.IsPostgres(w.Connection)) return;
        if (global) w.Connection.Execute("SELECT pg_advisory_xact_lock(@key)", new { key = GlobalQuotaLock }, w.Transaction);
        w.Connection.Execute("SELECT id FROM users WHERE id = @userId FOR NO KEY UPDATE", new { userId }, w.Transaction);
    }

    public async Task<UploadRecord?> FindUploadAsync(string id)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<UploadRecord>(
            "SELECT id, user_id AS UserId, name, size, declared_type AS DeclaredType, created_at AS CreatedAt FROM uploads WHERE id = @id", new { id });
    }

    public async Task<IReadOnlyList<UploadRecord>> UploadsCreatedBeforeAsync(long cutoff)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<UploadRecord>(
            "SELECT id, user_id AS UserId, name, size, declared_type AS DeclaredType, created_at AS CreatedAt FROM uploads WHERE created_at < @cutoff LIMIT 1000",
            new { cutoff })).AsList();
    }

    public sealed record PurgeRow(long Id, string BlobKey, string? ThumbKey);

    /// <summary>
    /// Hidden files whose bytes may go: orphans always; files of erased messages when the policy is Delete. Never a file
    /// a forwarded bundle still refers to (Features/Bundles): its bytes stay until no snapshot names it.
    /// </summary>
    public async Task<IReadOnlyList<PurgeRow>> PurgeableAsync(bool includeErasedMessages)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<PurgeRow>(
            """
            SELECT id, blob_key AS BlobKey, thumb_key AS ThumbKey FROM files
            WHERE deleted_at IS NOT NULL AND (message_id IS NULL OR @includeErasedMessages = 1)
              AND NOT EXISTS (SELECT 1 FROM bundle_files bf WHERE bf.file_id = files.id)
            LIMIT 1000
            """,
            new { includeErasedMessages = Sql.Flag(includeErasedMessages) })).AsList();
    }

    // ---- writes (inside the writer's transaction) ----

    public static long Insert(WriteContext w, long uploaderId, string name, long size, string contentType, string blobKey,
        int? width, int? height, string? thumbKey, string? thumbType, long? thumbSize) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO files(uploader_id, name, size, content_type, blob_key, width, height, thumb_key, thumb_type, thumb_size, created_at)
            VALUES (@uploaderId, @name, @size, @contentType, @blobKey, @width, @height, @thumbKey, @thumbType, @thumbSize, @now) RETURNING id
            """, new { uploaderId, name, size, contentType, blobKey, width, height, thumbKey, thumbType, thumbSize, now = w.NowMs }, w.Transaction);

    public static FileRecord Get(WriteContext w, long id) =>
        w.Connection.QuerySingle<FileRecord>($"SELECT {Columns} FROM files f WHERE f.id = @id", new { id }, w.Transaction);

    public static void InsertUpload(WriteContext w, string id, long userId, string name, long size, string declaredType) =>
        w.Connection.Execute("INSERT INTO uploads(id, user_id, name, size, declared_type, created_at) VALUES (@id, @userId, @name, @size, @declaredType, @now)",
            new { id, userId, name, size, declaredType, now = w.NowMs }, w.Transaction);

    public static void DeleteUpload(WriteContext w, string id) =>
        w.Connection.Execute("DELETE FROM uploads WHERE id = @id", new { id }, w.Transaction);

    /// <summary>Attaches the uploader's unsent files to a message, in the given order; the number attached.</summary>
    public static int Attach(WriteContext w, long uploaderId, long conversationId, long messageId, IReadOnlyList<long> fileIds)
    {
        var attached = w.Connection.Execute(
            $"""
            UPDATE files SET conversation_id = @conversationId, message_id = @messageId, attached_at = @now
            WHERE {Sql.In(w.Connection, "id", "ids")} AND uploader_id = @uploaderId AND message_id IS NULL AND deleted_at IS NULL
            """, new { uploaderId, conversationId, messageId, ids = Sql.List(w.Connection, fileIds), now = w.NowMs }, w.Transaction);
        for (var position = 0; position < fileIds.Count; position++)
            w.Connection.Execute("UPDATE files SET position = @position WHERE id = @id AND message_id = @messageId",
                new { position, id = fileIds[position], messageId }, w.Transaction);
        return attached;
    }

    public static IReadOnlyList<FileRecord> OfMessage(WriteContext w, long messageId) =>
        w.Connection.Query<FileRecord>($"SELECT {Columns} FROM files f WHERE f.message_id = @messageId AND f.deleted_at IS NULL ORDER BY f.position, f.id",
            new { messageId }, w.Transaction).AsList();

    public static void HideOfMessage(WriteContext w, long messageId) =>
        w.Connection.Execute("UPDATE files SET deleted_at = @now WHERE message_id = @messageId AND deleted_at IS NULL",
            new { messageId, now = w.NowMs }, w.Transaction);

    /// <summary>
    /// Hides files never sent by the cutoff. In the writer, so it cannot race a send that attaches them.
    /// A message scheduled for later keeps its uploads (Features/Scheduled) until it is sent, deleted or failed.
    /// </summary>
    public static int HideOrphans(WriteContext w, long cutoff) =>
        w.Connection.Execute(
            $"""
            UPDATE files SET deleted_at = @now WHERE message_id IS NULL AND deleted_at IS NULL AND created_at < @cutoff
              AND NOT EXISTS (SELECT 1 FROM scheduled_message_files smf JOIN scheduled_messages s ON s.id = smf.scheduled_id
                              WHERE smf.file_id = files.id AND s.{Scheduled.ScheduledStore.HoldsFiles})
            """, new { cutoff, now = w.NowMs }, w.Transaction);

    public static void DeleteRows(WriteContext w, IReadOnlyCollection<long> ids) =>
        w.Connection.Execute($"DELETE FROM files WHERE {Sql.In(w.Connection, "id", "ids")} AND deleted_at IS NOT NULL",
            new { ids = Sql.List(w.Connection, ids) }, w.Transaction);
}
