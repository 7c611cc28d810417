using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Audit;

/// <summary>Reads the system stream for the audit log, newest first. There is no write path: the log is appended by SystemLog only.</summary>
public sealed class AuditStore(Database database)
{
    // Properties rather than a positional record: Dapper then converts column types, which SQLite leaves undetermined
    // on an empty result (a constructor must match exactly).
    public sealed class Row
    {
        public long Id { get; init; }
        public long CreatedAt { get; init; }
        public long? ActorId { get; init; }
        public string? ActorUsername { get; init; }
        public string Type { get; init; } = "";
        public long? TargetId { get; init; }
        public string? Address { get; init; }
        public string Via { get; init; } = "";
        public string? Data { get; init; }
    }

    public async Task<IReadOnlyList<Row>> ReadAsync(AuditQuery q)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>(Sql, Args(q))).AsList();
    }

    /// <summary>Streams up to <paramref name="max"/> rows (CSV export) without holding them all.</summary>
    public async IAsyncEnumerable<Row> StreamAsync(AuditQuery q, int max)
    {
        await using var c = await database.OpenAsync();
        await using var reader = await c.ExecuteReaderAsync(Sql, Args(q with { Limit = max }));
        var parser = reader.GetRowParser<Row>();
        while (await reader.ReadAsync()) yield return parser(reader);
    }

    private static object Args(AuditQuery q) => new
    {
        action = q.Action, prefix = q.ActionIsPrefix && q.Action is not null ? q.Action.Replace("_", "\\_", StringComparison.Ordinal) + "%" : null,
        exact = q.ActionIsPrefix ? null : q.Action, actorId = q.ActorId, targetId = q.TargetId, fromMs = q.FromMs, toMs = q.ToMs,
        before = q.Before, limit = q.Limit,
    };

    private const string Sql =
        """
        SELECT e.id, e.created_at AS CreatedAt, e.actor_id AS ActorId, u.username AS ActorUsername, e.type, e.target_id AS TargetId,
               e.address, e.via, e.data
        FROM system_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE (@exact IS NULL OR e.type = @exact)
          AND (@prefix IS NULL OR e.type LIKE @prefix ESCAPE '\')
          AND (@actorId IS NULL OR e.actor_id = @actorId)
          AND (@targetId IS NULL OR e.target_id = @targetId)
          AND (@fromMs IS NULL OR e.created_at >= @fromMs)
          AND (@toMs IS NULL OR e.created_at <= @toMs)
          AND (@before IS NULL OR e.id < @before)
        ORDER BY e.id DESC LIMIT @limit
        """;
}
