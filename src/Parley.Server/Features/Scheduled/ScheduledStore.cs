using System.Data.Common;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Files;
using Parley.Server.Storage;

namespace Parley.Server.Features.Scheduled;

/// <summary>Rows of <c>scheduled_messages</c> and <c>scheduled_message_files</c> (migration 13).</summary>
public static class ScheduledStore
{
    public sealed class Row
    {
        public long Id { get; init; }
        public long UserId { get; init; }
        public long ConversationId { get; init; }
        public string? ClientMsgId { get; init; }
        public string Text { get; init; } = "";
        public long? ThreadRootId { get; init; }
        public long? QuoteId { get; init; }
        public long SendAt { get; init; }
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public long? MessageId { get; init; }
        public string? ErrorCode { get; init; }
        public string? Error { get; init; }
        public long CreatedAt { get; init; }

        public ScheduledMessageDto ToDto(IReadOnlyList<FileDto> files, string? status = null) =>
            new(Id, ConversationId, Text, files, ThreadRootId, QuoteId, UnixMs.To(SendAt), status ?? Status, ErrorCode, Error, MessageId, UnixMs.To(CreatedAt));
    }

    private const string Columns = """
        id, user_id AS UserId, conversation_id AS ConversationId, client_msg_id AS ClientMsgId, text, thread_root_id AS ThreadRootId,
        quote_id AS QuoteId, send_at AS SendAt, status, attempts, message_id AS MessageId, error_code AS ErrorCode, error, created_at AS CreatedAt
        """;

    /// <summary>What the user sees in the list: waiting, being sent, or failed (until deleted).</summary>
    private const string Listed = "status IN ('pending', 'sending', 'failed')";

    /// <summary>A schedule holds its uploads while it may still send them (the file janitor checks this).</summary>
    public const string HoldsFiles = "status IN ('pending', 'sending')";

    private static string FilesSql(string which) => $"""
        SELECT smf.scheduled_id AS ScheduledId, {FileStore.Columns} FROM scheduled_message_files smf JOIN files f ON f.id = smf.file_id
        WHERE {which} AND f.deleted_at IS NULL ORDER BY smf.position
        """;

    // ---- reads beside the writer ----

    public static async Task<List<Row>> OfUserAsync(DbConnection c, long userId) =>
        (await c.QueryAsync<Row>($"SELECT {Columns} FROM scheduled_messages WHERE user_id = @userId AND {Listed} ORDER BY send_at, id", new { userId })).AsList();

    public static async Task<ILookup<long, FileDto>> FilesAsync(DbConnection c, IReadOnlyCollection<long> ids) =>
        ids.Count == 0 ? Array.Empty<(long, FileDto)>().ToLookup(x => x.Item1, x => x.Item2)
            : (await c.QueryAsync<long, FileRecord, (long Id, FileDto File)>(FilesSql(Sql.In(c, "smf.scheduled_id", "ids")), (id, f) => (id, f.ToDto()),
                new { ids = Sql.List(c, ids) }, splitOn: "id")).ToLookup(x => x.Id, x => x.File);

    /// <summary>Due rows (a pending one whose time came, or a claim whose lease ran out), earliest first: one range scan of ix_scheduled_messages_next.</summary>
    public static async Task<List<long>> DueAsync(DbConnection c, long now, int limit) =>
        (await c.QueryAsync<long>("SELECT id FROM scheduled_messages WHERE next_at <= @now ORDER BY next_at LIMIT @limit", new { now, limit })).AsList();

    public static Task<Row?> GetAsync(DbConnection c, long id) =>
        c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM scheduled_messages WHERE id = @id", new { id });

    public static async Task<long[]> FileIdsAsync(DbConnection c, long id) =>
        [.. await c.QueryAsync<long>("SELECT file_id FROM scheduled_message_files WHERE scheduled_id = @id ORDER BY position", new { id })];

    // ---- inside the writer ----

    public static Row? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM scheduled_messages WHERE id = @id", new { id }, w.Transaction);

    public static Row? FindByClientId(WriteContext w, long userId, string clientMsgId) =>
        w.Connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM scheduled_messages WHERE user_id = @userId AND client_msg_id = @clientMsgId",
            new { userId, clientMsgId }, w.Transaction);

    public static List<FileDto> Files(WriteContext w, long id) =>
        w.Connection.Query<long, FileRecord, FileDto>(FilesSql("smf.scheduled_id = @id"), (_, f) => f.ToDto(),
            new { id }, w.Transaction, splitOn: "id").AsList();

    public static int CountListed(WriteContext w, long userId) =>
        w.Connection.ExecuteScalar<int>($"SELECT count(*) FROM scheduled_messages WHERE user_id = @userId AND {Listed}", new { userId }, w.Transaction);

    /// <summary>How many of these files the user uploaded, has not sent and has not given to another pending schedule.</summary>
    public static int CountFree(WriteContext w, long userId, long[] fileIds) =>
        w.Connection.ExecuteScalar<int>(
            $"""
            SELECT count(*) FROM files f
            WHERE {Sql.In(w.Connection, "f.id", "ids")} AND f.uploader_id = @userId AND f.message_id IS NULL AND f.deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM scheduled_message_files smf JOIN scheduled_messages s ON s.id = smf.scheduled_id
                              WHERE smf.file_id = f.id AND s.{HoldsFiles})
            """, new { ids = Sql.List(w.Connection, fileIds), userId }, w.Transaction);

    public static long Insert(WriteContext w, long userId, long conversationId, string? clientMsgId, string text, long? threadRootId, long? quoteId, long sendAt, long[] fileIds)
    {
        var id = w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO scheduled_messages(user_id, conversation_id, client_msg_id, text, thread_root_id, quote_id, send_at, status, next_at, created_at, updated_at)
            VALUES (@userId, @conversationId, @clientMsgId, @text, @threadRootId, @quoteId, @sendAt, 'pending', @sendAt, @now, @now) RETURNING id
            """, new { userId, conversationId, clientMsgId, text, threadRootId, quoteId, sendAt, now = w.NowMs }, w.Transaction);
        for (var i = 0; i < fileIds.Length; i++)
            w.Connection.Execute("INSERT INTO scheduled_message_files(scheduled_id, file_id, position) VALUES (@id, @fileId, @i)", new { id, fileId = fileIds[i], i }, w.Transaction);
        return id;
    }

    /// <summary>Changes a pending schedule; false when it is no longer pending (being sent, sent or failed).</summary>
    public static bool Update(WriteContext w, long id, string? text, long? sendAt) =>
        w.Connection.Execute(
            """
            UPDATE scheduled_messages SET text = coalesce(@text, text), send_at = coalesce(@sendAt, send_at), next_at = coalesce(@sendAt, send_at), updated_at = @now
            WHERE id = @id AND status = 'pending'
            """, new { id, text, sendAt, now = w.NowMs }, w.Transaction) == 1;

    /// <summary>Removes a schedule that is not being sent right now.</summary>
    public static bool Delete(WriteContext w, long id)
    {
        if (w.Connection.Execute("DELETE FROM scheduled_messages WHERE id = @id AND status <> 'sending'", new { id }, w.Transaction) != 1) return false;
        w.Connection.Execute("DELETE FROM scheduled_message_files WHERE scheduled_id = @id", new { id }, w.Transaction);
        return true;
    }

    /// <summary>
    /// Claims a due schedule for this node until <paramref name="leaseUntil"/>: atomic in the writer's transaction (on
    /// PostgreSQL a second node's UPDATE waits for the row and then finds it no longer due). Null when someone else has it.
    /// <paramref name="force"/> claims a pending one before its time ("send now").
    /// </summary>
    public static Row? Claim(WriteContext w, long id, string node, long leaseUntil, bool force = false) =>
        w.Connection.Execute(
            $"""
            UPDATE scheduled_messages SET status = 'sending', owner = @node, next_at = @leaseUntil, attempts = attempts + 1, updated_at = @now
            WHERE id = @id AND {(force ? "status = 'pending'" : "next_at <= @now AND status IN ('pending', 'sending')")}
            """, new { id, node, leaseUntil, now = w.NowMs }, w.Transaction) == 1 ? Get(w, id) : null;

    public static bool MarkSent(WriteContext w, long id, long messageId) =>
        w.Connection.Execute(
            "UPDATE scheduled_messages SET status = 'sent', next_at = NULL, message_id = @messageId, error_code = NULL, error = NULL, updated_at = @now WHERE id = @id AND status = 'sending'",
            new { id, messageId, now = w.NowMs }, w.Transaction) == 1;

    public static bool MarkFailed(WriteContext w, long id, string code, string error) =>
        w.Connection.Execute(
            "UPDATE scheduled_messages SET status = 'failed', next_at = NULL, error_code = @code, error = @error, updated_at = @now WHERE id = @id AND status = 'sending'",
            new { id, code, error, now = w.NowMs }, w.Transaction) == 1;
}
