using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Parley.Server.Platform.Jobs;
using Parley.Server.Storage;

namespace Parley.Server.Platform.Email;

/// <summary>
/// Drains <c>email_outbox</c> on the node holding the "email-sender" lease: each round takes the due pending messages
/// (oldest first), opens one SMTP conversation (MailKit) and sends them one by one, recording each outcome through the
/// writer. A refused connection, a timeout or a 4xx answer waits FirstRetryDelay doubling up to MaxRetryDelay (kept in
/// next_attempt_at, so the schedule survives restarts) until retry_until passes; a 5xx answer for a message (bad
/// recipient, refused content) makes it dead at once. A crash between the relay's "250" and the record sends it again
/// with the same Message-ID: at least once.
/// </summary>
public sealed partial class SmtpOutboxWorker(Database database, WriteQueue writer, JobLease lease, IOptionsMonitor<EmailOptions> options,
    TimeProvider clock, ILogger<SmtpOutboxWorker> logger) : LeasedWorker(lease, clock, logger)
{
    public const string Lease = "email-sender";
    private const int Batch = 20;
    private DateTimeOffset _purgeAt = DateTimeOffset.MinValue;

    protected override string LeaseName => Lease;
    protected override TimeSpan LeaseDuration => options.CurrentValue.LeaseDuration;
    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        var due = await EmailOutboxStore.DueAsync(database, Clock.GetUtcNow().ToUnixTimeMilliseconds(), Batch, ct);
        if (due.Count == 0) return false;
        await SendBatchAsync(due, options.CurrentValue, ct);
        return true;
    }

    protected override async Task IdleAsync(CancellationToken ct)
    {
        if (Clock.GetUtcNow() < _purgeAt) return;
        var keep = (long)options.CurrentValue.KeepSent.TotalMilliseconds;
        await writer.ExecuteAsync(w => EmailOutboxStore.PurgeSent(w, w.NowMs - keep));
        _purgeAt = Clock.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Clamp(keep / 10, 1000, 3_600_000));
    }

    private async Task SendBatchAsync(IReadOnlyList<EmailOutboxStore.Row> due, EmailOptions o, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connect.CancelAfter(o.Timeout);
            await client.ConnectAsync(o.SmtpHost!, o.SmtpPort, o.Security switch
            {
                EmailSecurity.Ssl => SecureSocketOptions.SslOnConnect,
                EmailSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            }, connect.Token);
            if (!string.IsNullOrEmpty(o.Username)) await client.AuthenticateAsync(o.Username, o.Password ?? "", connect.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The relay is unreachable or refused us: every message of the round waits its backoff.
            foreach (var row in due) await FailedAsync(row, $"connect: {e.GetType().Name}: {e.Message}", permanent: false, o);
            return;
        }
        foreach (var row in due)
        {
            try
            {
                await client.SendAsync(Build(row, o), ct);
                await writer.ExecuteAsync(w => { EmailOutboxStore.Sent(w, row.Id); return 0; });
                Sent(Logger, row.Id);
            }
            catch (SmtpCommandException e)
            {
                await FailedAsync(row, $"SMTP {(int)e.StatusCode}: {e.Message}", permanent: (int)e.StatusCode >= 500, o);
            }
            catch (Exception e) when (e is SmtpProtocolException or IOException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                await FailedAsync(row, $"{e.GetType().Name}: {e.Message}", permanent: false, o);
                return; // the connection is gone; the rest of the round waits for the next one
            }
        }
        try { await client.DisconnectAsync(quit: true, ct); } catch (Exception e) when (e is not OperationCanceledException) { }
    }

    private async Task FailedAsync(EmailOutboxStore.Row row, string error, bool permanent, EmailOptions o)
    {
        var attempt = row.Attempts + 1;
        var nextMs = (Clock.GetUtcNow() + Backoff(attempt, o.FirstRetryDelay, o.MaxRetryDelay)).ToUnixTimeMilliseconds();
        if (permanent || nextMs > row.RetryUntil) Dead(Logger, row.Id, attempt, error);
        else Retrying(Logger, row.Id, attempt, error);
        await writer.ExecuteAsync(w => { EmailOutboxStore.Failed(w, row.Id, error, nextMs, permanent); return 0; });
    }

    /// <summary>The MIME message: From/To from the options and the row, multipart/alternative text + HTML, a Message-ID fixed per row.</summary>
    public static MimeMessage Build(EmailOutboxStore.Row row, EmailOptions o)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(EmailMessage.OneLine(o.FromName, 100), o.From!));
        message.To.Add(new MailboxAddress(row.ToName is null ? null : EmailMessage.OneLine(row.ToName, 100), row.ToAddress));
        message.Subject = EmailMessage.OneLine(row.Subject, EmailMessage.MaxSubjectLength);
        message.Date = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt);
        var domain = o.From![(o.From!.LastIndexOf('@') + 1)..];
        message.MessageId = $"parley-email-{row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{row.CreatedAt.ToString(System.Globalization.CultureInfo.InvariantCulture)}@{domain}";
        message.Body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody }.ToMessageBody();
        return message;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "E-mail {Id} handed to the SMTP relay.")]
    private static partial void Sent(ILogger logger, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} failed (attempt {Attempt}), retrying later: {Error}")]
    private static partial void Retrying(ILogger logger, long id, long attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail {Id} is dead after attempt {Attempt}: {Error}")]
    private static partial void Dead(ILogger logger, long id, long attempt, string error);
}
