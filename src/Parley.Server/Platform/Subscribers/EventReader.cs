using System.Data.Common;
using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Platform.Subscribers;

/// <summary>
/// Reads a log after a position, only what is committed and can no longer be overtaken.
/// SQLite: one writer per database, so ids are assigned in commit order and "after id" is exact.
/// PostgreSQL: several nodes write at once, so a smaller id can commit after a larger one is read. Each row records
/// its writing transaction (<c>tx</c>, from pg_current_xact_id()), and a read returns only rows of transactions older
/// than the oldest one still running (the snapshot's xmin): those have all ended, and any transaction still to commit
/// has a larger tx. Ordering by (tx, id) and resuming after the last (tx, id) therefore skips nothing. A transaction
/// left open elsewhere on the server holds subscribers back until it ends (never past it).
/// </summary>
public sealed class EventReader(Database database)
{
    private const string Fields = "id, tx, type, actor_id AS ActorId, created_at AS CreatedAt, data";

    private sealed class Row
    {
        public long Id { get; init; }
        public long Tx { get; init; }
        public string Type { get; init; } = "";
        public long? ActorId { get; init; }
        public long? ConversationId { get; init; }
        public long? Seq { get; init; }
        public long? MessageId { get; init; }
        public long? TargetId { get; init; }
        public string? Data { get; init; }
        public long CreatedAt { get; init; }
    }

    private static string Source(string stream) => stream switch
    {
        EventStreams.Conversations => $"SELECT {Fields}, conversation_id AS ConversationId, seq, message_id AS MessageId, NULL AS TargetId FROM events",
        EventStreams.System => $"SELECT {Fields}, conversation_id AS ConversationId, NULL AS Seq, NULL AS MessageId, target_id AS TargetId FROM system_events",
        _ => throw new ArgumentException($"Unknown stream '{stream}'. Streams: {EventStreams.Conversations}, {EventStreams.System}.", nameof(stream)),
    };

    private static string Table(string stream) => stream == EventStreams.System ? "system_events" : "events";

    public async Task<IReadOnlyList<LoggedEvent>> ReadAsync(string stream, LogPosition after, int limit, CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        var sql = Sql.IsPostgres(c)
            ? $"{Source(stream)} WHERE (tx > @tx OR (tx = @tx AND id > @id)) AND tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint ORDER BY tx, id LIMIT @limit"
            : $"{Source(stream)} WHERE id > @id ORDER BY id LIMIT @limit";
        var rows = await c.QueryAsync<Row>(new CommandDefinition(sql, new { tx = after.Tx, id = after.Id, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new LoggedEvent(stream, r.Id, r.Tx, r.Type, r.ActorId, r.ConversationId, r.Seq, r.MessageId, r.TargetId, r.Data,
            DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt))).ToList();
    }

    /// <summary>The position of the last committed event (where a subscriber that starts at the end begins).</summary>
    public static LogPosition End(DbConnection c, DbTransaction? tx, string stream)
    {
        var rows = c.Query<(long Tx, long Id)>(EndSql(c, stream), transaction: tx).AsList();
        return rows.Count == 0 ? default : new LogPosition(rows[0].Tx, rows[0].Id);
    }

    public async Task<LogPosition> EndAsync(string stream)
    {
        await using var c = await database.OpenAsync();
        var rows = (await c.QueryAsync<(long Tx, long Id)>(EndSql(c, stream))).AsList();
        return rows.Count == 0 ? default : new LogPosition(rows[0].Tx, rows[0].Id);
    }

    private static string EndSql(DbConnection c, string stream) => Sql.IsPostgres(c)
        ? $"SELECT tx, id FROM {Table(stream)} ORDER BY tx DESC, id DESC LIMIT 1"
        : $"SELECT 0 AS tx, id FROM {Table(stream)} ORDER BY id DESC LIMIT 1";

    /// <summary>How many events wait after a position, counted up to <paramref name="cap"/> (a bounded query on any log size).</summary>
    public async Task<long> LagAsync(string stream, LogPosition after, int cap)
    {
        await using var c = await database.OpenAsync();
        var where = Sql.IsPostgres(c) ? "(tx > @tx OR (tx = @tx AND id > @id))" : "id > @id";
        return await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM (SELECT 1 FROM {Table(stream)} WHERE {where} LIMIT @cap) AS waiting",
            new { tx = after.Tx, id = after.Id, cap });
    }
}
