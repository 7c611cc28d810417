using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Platform.Email;

/// <summary>SQL of <c>email_outbox</c>: queueing, the worker's due rows and outcomes, and what an address received.</summary>
public static class EmailOutboxStore
{
    public sealed class Row
    {
        public long Id { get; init; }
        public string ToAddress { get; init; } = "";
        public string? ToName { get; init; }
        public string Subject { get; init; } = "";
        public string TextBody { get; init; } = "";
        public string HtmlBody { get; init; } = "";
        public long Attempts { get; init; }
        public long RetryUntil { get; init; }
        public long CreatedAt { get; init; }
    }

    public static long Insert(WriteContext w, EmailMessage m, long retryUntil) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO email_outbox(kind, to_address, to_name, subject, text_body, html_body, status, attempts, next_attempt_at, retry_until, created_at)
            VALUES (@kind, @to, @toName, @subject, @text, @html, 'pending', 0, @now, @retryUntil, @now)
            RETURNING id
            """, new { kind = m.Kind, to = m.To, toName = m.ToName, subject = m.Subject, text = m.TextBody(), html = m.HtmlBody(), now = w.NowMs, retryUntil }, w.Transaction);

    public static async Task<IReadOnlyList<Row>> DueAsync(Database database, long now, int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return (await c.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id, to_address AS ToAddress, to_name AS ToName, subject, text_body AS TextBody, html_body AS HtmlBody, attempts,
                   retry_until AS RetryUntil, created_at AS CreatedAt
            FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit
            """, new { now, limit }, cancellationToken: ct))).AsList();
    }

    public static void Sent(WriteContext w, long id) =>
        w.Connection.Execute("UPDATE email_outbox SET status = 'sent', sent_at = @now, attempts = attempts + 1, last_error = NULL WHERE id = @id AND status = 'pending'",
            new { id, now = w.NowMs }, w.Transaction);

    /// <summary>Records a failed attempt: pending again at <paramref name="nextAttemptAt"/>, or dead when that is past retry_until or the failure is permanent.</summary>
    public static void Failed(WriteContext w, long id, string error, long nextAttemptAt, bool permanent) =>
        w.Connection.Execute(
            """
            UPDATE email_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @nextAttemptAt,
                status = CASE WHEN @permanent = 1 OR @nextAttemptAt > retry_until THEN 'dead' ELSE 'pending' END
            WHERE id = @id AND status = 'pending'
            """, new { id, error = error.Length > 500 ? error[..500] : error, nextAttemptAt, permanent = permanent ? 1 : 0 }, w.Transaction);

    public static int PurgeSent(WriteContext w, long before) =>
        w.Connection.Execute("DELETE FROM email_outbox WHERE status = 'sent' AND sent_at < @before", new { before }, w.Transaction);

    /// <summary>Messages of one kind queued to an address since <paramref name="since"/> (a per-address cap, e.g. offline replies per day).</summary>
    public static long CountTo(WriteContext w, string address, string kind, long since) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM email_outbox WHERE to_address = @address AND kind = @kind AND created_at > @since",
            new { address, kind, since }, w.Transaction);
}
