using Dapper;
using Microsoft.Extensions.Options;
using Parley.Server.Storage;

namespace Parley.Server.Platform.Email;

/// <summary>
/// The one door for sending e-mail. Nothing is sent inside a request: a message is written to the durable outbox
/// (<c>email_outbox</c>) — in the caller's own write transaction with <see cref="Queue"/>, so it commits or rolls back
/// with the change that caused it, or through the writer with <see cref="QueueAsync"/> — and <see cref="SmtpOutboxWorker"/>
/// hands it to the SMTP relay later, retrying with backoff. With no Parley:Email:SmtpHost the sender is
/// <see cref="DisabledEmailSender"/>: nothing is written.
/// </summary>
public interface IEmailSender
{
    /// <summary>False when e-mail is off (no SMTP host): queueing then does nothing.</summary>
    bool Enabled { get; }

    /// <summary>Writes the message to the outbox inside <paramref name="w"/>'s transaction; its id, or null when e-mail is off.</summary>
    long? Queue(WriteContext w, EmailMessage message);

    /// <summary>Writes the message to the outbox through the writer; its id, or null when e-mail is off.</summary>
    Task<long?> QueueAsync(EmailMessage message);
}

/// <summary>E-mail is off: queues nothing, and says so once at start-up and in the debug log per message.</summary>
public sealed partial class DisabledEmailSender(ILogger<DisabledEmailSender> logger) : IEmailSender
{
    public bool Enabled => false;

    public long? Queue(WriteContext w, EmailMessage message)
    {
        Dropped(logger, message.Kind);
        return null;
    }

    public Task<long?> QueueAsync(EmailMessage message) => Task.FromResult(Queue(null!, message));

    [LoggerMessage(Level = LogLevel.Debug, Message = "E-mail is off (no Parley:Email:SmtpHost): a {Kind} message was not queued.")]
    private static partial void Dropped(ILogger logger, string kind);
}

/// <summary>Queues into <c>email_outbox</c> for <see cref="SmtpOutboxWorker"/> (MailKit over SMTP).</summary>
public sealed class SmtpEmailSender(WriteQueue writer, SmtpOutboxWorker worker, IOptionsMonitor<EmailOptions> options) : IEmailSender
{
    public bool Enabled => true;

    public long? Queue(WriteContext w, EmailMessage message)
    {
        var id = EmailOutbox.Insert(w, message, w.NowMs + (long)options.CurrentValue.RetryFor.TotalMilliseconds);
        // The worker may look before this transaction commits; then its next poll finds the row.
        worker.Wake();
        return id;
    }

    public async Task<long?> QueueAsync(EmailMessage message)
    {
        var id = await writer.ExecuteAsync(w => EmailOutbox.Insert(w, message, w.NowMs + (long)options.CurrentValue.RetryFor.TotalMilliseconds));
        worker.Wake();
        return id;
    }
}

/// <summary>SQL of <c>email_outbox</c>.</summary>
public static class EmailOutbox
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
}
