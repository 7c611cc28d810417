namespace Parley.Contracts;

/// <summary>POST /api/v1/admin/email/test: queues a short test message to this address through the configured SMTP relay.</summary>
public sealed record SendTestEmailRequest(string To);

/// <summary>The outbox row a queued message got (email_outbox.id).</summary>
public sealed record EmailQueuedDto(long Id);

public static class EmailErrorCodes
{
    /// <summary>409: no Parley:Email:SmtpHost is configured, so nothing can be sent.</summary>
    public const string Disabled = "email_disabled";
}
