using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Platform.Subscribers;

/// <summary>
/// The persisted cursor and lease of each subscriber (<c>subscriber_cursors</c>). Every change goes through the
/// writer, so on SQLite it never competes with message writes for the database lock, and on PostgreSQL a node that
/// lost its lease cannot move the cursor (each update requires that this node still owns it).
/// </summary>
public sealed class SubscriberCursors(WriteQueue writer, Database database)
{
    /// <summary>Takes or renews the lease; returns the cursor when this node holds it, null when another node does.</summary>
    public Task<LogPosition?> AcquireAsync(IEventSubscriber subscriber, string node, TimeSpan lease) =>
        writer.ExecuteAsync(w =>
        {
            var start = subscriber.StartAtEnd ? EventReader.End(w.Connection, w.Transaction, subscriber.Stream) : default;
            w.Connection.Execute(
                """
                INSERT INTO subscriber_cursors(name, stream, position_tx, position_id, updated_at) VALUES (@name, @stream, @tx, @id, @now)
                ON CONFLICT (name) DO NOTHING
                """, new { name = subscriber.Name, stream = subscriber.Stream, tx = start.Tx, id = start.Id, now = w.NowMs }, w.Transaction);
            var rows = w.Connection.Query<(long Tx, long Id)>(
                """
                UPDATE subscriber_cursors SET owner = @node, lease_until = @until, updated_at = @now
                WHERE name = @name AND (owner = @node OR owner IS NULL OR lease_until < @now)
                RETURNING position_tx, position_id
                """, new { name = subscriber.Name, node, until = w.NowMs + (long)lease.TotalMilliseconds, now = w.NowMs }, w.Transaction).AsList();
            return rows.Count == 0 ? (LogPosition?)null : new LogPosition(rows[0].Tx, rows[0].Id);
        });

    /// <summary>Acknowledges a batch: moves the cursor and renews the lease. False when the lease was lost (another node took over).</summary>
    public Task<bool> AdvanceAsync(string name, string node, LogPosition to, int count, TimeSpan lease) =>
        writer.ExecuteAsync(w => w.Connection.Execute(
            """
            UPDATE subscriber_cursors SET position_tx = @tx, position_id = @id, delivered = delivered + @count, failures = 0,
                lease_until = @until, updated_at = @now
            WHERE name = @name AND owner = @node
            """, new { name, node, tx = to.Tx, id = to.Id, count, until = w.NowMs + (long)lease.TotalMilliseconds, now = w.NowMs }, w.Transaction) == 1);

    public Task RecordFailureAsync(string name, string node, string error) =>
        writer.ExecuteAsync(w => w.Connection.Execute(
            "UPDATE subscriber_cursors SET failures = failures + 1, last_error = @error, last_error_at = @now, updated_at = @now WHERE name = @name AND owner = @node",
            new { name, node, error = error.Length > 1000 ? error[..1000] : error, now = w.NowMs }, w.Transaction));

    /// <summary>Gives the lease up at shutdown, so another node can take over at once instead of after the lease runs out.</summary>
    public Task ReleaseAsync(string name, string node) =>
        writer.ExecuteAsync(w => w.Connection.Execute(
            "UPDATE subscriber_cursors SET owner = NULL, lease_until = 0 WHERE name = @name AND owner = @node", new { name, node }, w.Transaction));

    public sealed class Row
    {
        public string Name { get; init; } = "";
        public string Stream { get; init; } = "";
        public long PositionTx { get; init; }
        public long PositionId { get; init; }
        public string? Owner { get; init; }
        public long LeaseUntil { get; init; }
        public long Failures { get; init; }
        public string? LastError { get; init; }
        public long? LastErrorAt { get; init; }
        public long Delivered { get; init; }
        public long UpdatedAt { get; init; }
    }

    public async Task<IReadOnlyList<Row>> ListAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>(
            """
            SELECT name, stream, position_tx AS PositionTx, position_id AS PositionId, owner, lease_until AS LeaseUntil, failures,
                   last_error AS LastError, last_error_at AS LastErrorAt, delivered, updated_at AS UpdatedAt
            FROM subscriber_cursors ORDER BY name
            """)).AsList();
    }
}
