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
        var id = EmailOutboxStore.Insert(w, message, w.NowMs + (long)options.CurrentValue.RetryFor.TotalMilliseconds);
        // The worker may look before this transaction commits; then its next poll finds the row.
        worker.Wake();
        return id;
    }

    public async Task<long?> QueueAsync(EmailMessage message)
    {
        var id = await writer.ExecuteAsync(w => EmailOutboxStore.Insert(w, message, w.NowMs + (long)options.CurrentValue.RetryFor.TotalMilliseconds));
        worker.Wake();
        return id;
    }
}
