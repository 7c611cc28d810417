using Microsoft.Extensions.Options;
using MimeKit;

namespace Parley.Server.Platform.Email;

/// <summary>How the SMTP connection is secured: none (plain, loopback relays only), starttls (upgrade on the submission port), ssl (implicit TLS, port 465).</summary>
public enum EmailSecurity
{
    None,
    StartTls,
    Ssl,
}

/// <summary>Outgoing e-mail (Parley:Email). Without SmtpHost e-mail is off: nothing is queued and the log says so at start-up.</summary>
public sealed class EmailOptions
{
    public const string Section = "Parley:Email";

    /// <summary>The SMTP relay (your mail server or a provider's submission host). Empty: e-mail is off.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>Sign-in at the relay (AUTH); none when empty.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address every message carries (From, and the envelope's MAIL FROM).</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "Parley";

    /// <summary>Parley's address as people reach it (https://chat.example.com), for links in messages; without it messages carry no link.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a message that cannot be handed to the relay is retried before it is parked as dead.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Wait after the first failure; it doubles after each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the sender looks for due messages when nothing woke it (a message queued on this node wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The sender runs on the node holding this lease (job_leases, "email-sender"); another takes over after it runs out.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connect, command and data timeout of one SMTP conversation.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long sent messages stay in <c>email_outbox</c> (dead ones stay until removed by hand).</summary>
    public TimeSpan KeepSent { get; set; } = TimeSpan.FromDays(7);

    public bool Enabled => !string.IsNullOrWhiteSpace(SmtpHost);
}

public sealed class EmailOptionsValidation : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions o)
    {
        const string s = EmailOptions.Section;
        if (o.RetryFor < TimeSpan.FromSeconds(1)) return ValidateOptionsResult.Fail($"{s}:RetryFor must be at least 1 second.");
        if (o.FirstRetryDelay < TimeSpan.FromMilliseconds(10) || o.MaxRetryDelay < o.FirstRetryDelay)
            return ValidateOptionsResult.Fail($"{s}:FirstRetryDelay must be at least 10 ms and MaxRetryDelay at least FirstRetryDelay.");
        if (o.PollInterval < TimeSpan.FromMilliseconds(10)) return ValidateOptionsResult.Fail($"{s}:PollInterval must be at least 10 ms.");
        if (o.LeaseDuration < TimeSpan.FromSeconds(3)) return ValidateOptionsResult.Fail($"{s}:LeaseDuration must be at least 3 seconds.");
        if (o.Timeout < TimeSpan.FromSeconds(1)) return ValidateOptionsResult.Fail($"{s}:Timeout must be at least 1 second.");
        if (o.KeepSent < TimeSpan.FromSeconds(1)) return ValidateOptionsResult.Fail($"{s}:KeepSent must be at least 1 second.");
        if (!string.IsNullOrEmpty(o.PublicUrl) && (!Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps)))
            return ValidateOptionsResult.Fail($"{s}:PublicUrl must be an absolute http(s) URL.");
        if (!o.Enabled) return ValidateOptionsResult.Success;
        if (o.SmtpHost!.Any(char.IsControl) || o.SmtpHost!.Contains(' ', StringComparison.Ordinal))
            return ValidateOptionsResult.Fail($"{s}:SmtpHost must be a host name or address.");
        if (o.SmtpPort is < 1 or > 65535) return ValidateOptionsResult.Fail($"{s}:SmtpPort must be between 1 and 65535.");
        if (!Enum.IsDefined(o.Security)) return ValidateOptionsResult.Fail($"{s}:Security must be none, starttls or ssl.");
        if (string.IsNullOrWhiteSpace(o.From) || !EmailAddress.IsValid(o.From))
            return ValidateOptionsResult.Fail($"{s}:From must be the sender's e-mail address when {s}:SmtpHost is set.");
        if (EmailAddress.HasLineBreak(o.FromName)) return ValidateOptionsResult.Fail($"{s}:FromName must be one line.");
        if (!string.IsNullOrEmpty(o.Username) && string.IsNullOrEmpty(o.Password))
            return ValidateOptionsResult.Fail($"{s}:Password is required when {s}:Username is set.");
        return ValidateOptionsResult.Success;
    }
}

/// <summary>Address checks shared by the options, the outbox and the API: one mailbox, no display part, no line breaks.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool HasLineBreak(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0;

    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxLength || address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return false;
        if (!MailboxAddress.TryParse(address, out var parsed)) return false;
        var at = parsed.Address.LastIndexOf('@');
        return parsed.Address == address && string.IsNullOrEmpty(parsed.Name) && at > 0 && at < parsed.Address.Length - 1;
    }
}
