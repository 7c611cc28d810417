using System.Data.Common;
using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.Export;

/// <summary>
/// Rows of <c>compliance_exports</c> (migrations 11 and 24): e-discovery exports (kind <c>compliance</c>) and personal
/// data exports (kind <c>personal</c>, of <c>subject_id</c>) share the claim, heartbeat and expiry machinery.
/// </summary>
public static class ExportStore
{
    public sealed class Row
    {
        public long Id { get; init; }
        public long RequestedBy { get; init; }
        public long FromAt { get; init; }
        public long ToAt { get; init; }
        public string? UserIds { get; init; }
        public string? ConversationIds { get; init; }
        public string Language { get; init; } = "en";
        public string Status { get; init; } = "";
        public long Total { get; init; }
        public long Messages { get; init; }
        public long Files { get; init; }
        public long Bytes { get; init; }
        public string? BlobKey { get; init; }
        public string? Error { get; init; }
        public long CreatedAt { get; init; }
        public long? FinishedAt { get; init; }
        public string Kind { get; init; } = ExportKinds.Compliance;
        public long? SubjectId { get; init; }
        public long? ExpiredAt { get; init; }

        public long[]? UserIdList => UserIds is null ? null : JsonSerializer.Deserialize<long[]>(UserIds);
        public long[]? ConversationIdList => ConversationIds is null ? null : JsonSerializer.Deserialize<long[]>(ConversationIds);

        public ComplianceExportDto ToDto() => new(Id, Status, UnixMs.To(FromAt), UnixMs.To(ToAt), UserIdList, ConversationIdList, Language,
            (int)Total, (int)Messages, (int)Files, Bytes, Error, UnixMs.To(CreatedAt), UnixMs.To(FinishedAt));
    }

    private const string Columns = """
        id, requested_by AS RequestedBy, from_at AS FromAt, to_at AS ToAt, user_ids AS UserIds, conversation_ids AS ConversationIds,
        language, status, total, messages, files, bytes, blob_key AS BlobKey, error, created_at AS CreatedAt, finished_at AS FinishedAt,
        kind, subject_id AS SubjectId, expired_at AS ExpiredAt
        """;

    // ---- what an export reads ----

    public sealed record MessageRef(long Id, long ConversationId, long Seq, long? PurgedAt);

    /// <summary>The request's filter over <c>messages m</c>: created in [from, to), of the chosen senders and conversations.</summary>
    private static (string Where, DynamicParameters Args) Filter(DbConnection c, Row export)
    {
        var args = new DynamicParameters(new { from = export.FromAt, to = export.ToAt });
        var where = "m.created_at >= @from AND m.created_at < @to";
        if (export.UserIdList is { } users)
        {
            where += $" AND {Sql.In(c, "m.sender_id", "users")}";
            args.Add("users", Sql.List(c, users));
        }
        if (export.ConversationIdList is { } conversations)
        {
            where += $" AND {Sql.In(c, "m.conversation_id", "conversations")}";
            args.Add("conversations", Sql.List(c, conversations));
        }
        return (where, args);
    }

    public static Task<long> CountAsync(DbConnection c, Row export)
    {
        var (where, args) = Filter(c, export);
        return c.ExecuteScalarAsync<long>($"SELECT count(*) FROM messages m WHERE {where}", args);
    }

    /// <summary>The next page of the export's messages in (conversation, seq) order after the given position.</summary>
    public static async Task<List<MessageRef>> PageAsync(DbConnection c, Row export, long afterConversation, long afterSeq, int limit)
    {
        var (where, args) = Filter(c, export);
        args.AddDynamicParams(new { afterConversation, afterSeq, limit });
        return (await c.QueryAsync<MessageRef>(
            $"""
            SELECT m.id, m.conversation_id AS ConversationId, m.seq, m.purged_at AS PurgedAt FROM messages m
            WHERE {where} AND (m.conversation_id > @afterConversation OR (m.conversation_id = @afterConversation AND m.seq > @afterSeq))
            ORDER BY m.conversation_id, m.seq LIMIT @limit
            """, args)).AsList();
    }

    public static Task<string?> ConversationNameAsync(DbConnection c, long id) =>
        c.ExecuteScalarAsync<string?>("SELECT name FROM conversations WHERE id = @id", new { id });

    public static async Task<List<(long Id, string Username, string DisplayName)>> UsersAsync(DbConnection c, IReadOnlyCollection<long> ids) =>
        ids.Count == 0 ? [] : (await c.QueryAsync<(long, string, string)>(
            $"SELECT id, username, display_name FROM users WHERE {Sql.In(c, "id", "ids")}", new { ids = Sql.List(c, ids) })).AsList();

    // ---- the export's own row ----

    public static long Insert(WriteContext w, long requestedBy, long from, long to, long[]? userIds, long[]? conversationIds, string language,
        string kind = ExportKinds.Compliance, long? subjectId = null) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO compliance_exports(requested_by, from_at, to_at, user_ids, conversation_ids, language, status, heartbeat_at, total, messages, files, bytes, created_at, kind, subject_id)
            VALUES (@requestedBy, @from, @to, @userIds, @conversationIds, @language, 'queued', @now, 0, 0, 0, 0, @now, @kind, @subjectId) RETURNING id
            """,
            new
            {
                requestedBy, from, to, language, now = w.NowMs, kind, subjectId,
                userIds = userIds is null ? null : JsonSerializer.Serialize(userIds),
                conversationIds = conversationIds is null ? null : JsonSerializer.Serialize(conversationIds),
            }, w.Transaction);

    public static Row? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM compliance_exports WHERE id = @id", new { id }, w.Transaction);

    public static async Task<Row?> GetAsync(DbConnection c, long id) =>
        await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM compliance_exports WHERE id = @id", new { id });

    public static async Task<List<Row>> OfRequesterAsync(DbConnection c, long requestedBy, string kind = ExportKinds.Compliance) =>
        (await c.QueryAsync<Row>($"SELECT {Columns} FROM compliance_exports WHERE kind = @kind AND requested_by = @requestedBy ORDER BY id DESC LIMIT 100",
            new { requestedBy, kind })).AsList();

    /// <summary>Whether a personal export of this subject is queued or running (one at a time per user).</summary>
    public static bool PersonalInProgress(WriteContext w, long subjectId) =>
        w.Connection.ExecuteScalar<long>(
            "SELECT count(*) FROM compliance_exports WHERE kind = 'personal' AND subject_id = @subjectId AND status IN ('queued', 'running')",
            new { subjectId }, w.Transaction) > 0;

    /// <summary>Finished exports whose zip is still stored and which finished before the cutoff, oldest first.</summary>
    public static async Task<List<Row>> ExpirableAsync(DbConnection c, long finishedBefore, int limit) =>
        (await c.QueryAsync<Row>(
            $"SELECT {Columns} FROM compliance_exports WHERE blob_key IS NOT NULL AND finished_at < @finishedBefore ORDER BY finished_at, id LIMIT @limit",
            new { finishedBefore, limit })).AsList();

    /// <summary>Marks an export expired and forgets its zip's key; false if it was expired meanwhile (another run).</summary>
    public static bool Expire(WriteContext w, long id, string blobKey) =>
        w.Connection.Execute(
            "UPDATE compliance_exports SET status = 'expired', blob_key = NULL, expired_at = @now WHERE id = @id AND blob_key = @blobKey",
            new { id, blobKey, now = w.NowMs }, w.Transaction) == 1;

    /// <summary>Whether anything is there to claim: read first, so an idle node does not write every poll.</summary>
    public static async Task<bool> AnyClaimableAsync(DbConnection c, long staleBefore) =>
        await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM compliance_exports WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < @staleBefore)", new { staleBefore }) > 0;

    /// <summary>Claims the oldest queued export, or one whose worker stopped beating before <paramref name="staleBefore"/>.</summary>
    public static Row? Claim(WriteContext w, string node, long staleBefore)
    {
        var id = w.Connection.ExecuteScalar<long?>(
            "SELECT id FROM compliance_exports WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < @staleBefore) ORDER BY id LIMIT 1",
            new { staleBefore }, w.Transaction);
        if (id is null) return null;
        var claimed = w.Connection.Execute(
            """
            UPDATE compliance_exports SET status = 'running', owner = @node, heartbeat_at = @now, messages = 0, files = 0
            WHERE id = @id AND (status = 'queued' OR (status = 'running' AND heartbeat_at < @staleBefore))
            """, new { id, node, now = w.NowMs, staleBefore }, w.Transaction);
        return claimed == 1 ? Get(w, id.Value) : null;
    }

    /// <summary>Progress and heartbeat; false when another node took the export over.</summary>
    public static bool Beat(WriteContext w, long id, string node, long total, long messages, long files) =>
        w.Connection.Execute(
            "UPDATE compliance_exports SET heartbeat_at = @now, total = @total, messages = @messages, files = @files WHERE id = @id AND owner = @node AND status = 'running'",
            new { id, node, total, messages, files, now = w.NowMs }, w.Transaction) == 1;

    public static bool Finish(WriteContext w, long id, string node, string status, string? blobKey, long bytes, string? error) =>
        w.Connection.Execute(
            """
            UPDATE compliance_exports SET status = @status, blob_key = @blobKey, bytes = @bytes, error = @error, finished_at = @now, heartbeat_at = @now
            WHERE id = @id AND owner = @node AND status = 'running'
            """, new { id, node, status, blobKey, bytes, error, now = w.NowMs }, w.Transaction) == 1;
}
