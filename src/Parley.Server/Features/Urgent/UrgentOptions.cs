namespace Parley.Server.Features.Urgent;

public sealed class UrgentOptions
{
    public const string Section = "Parley:Urgent";

    /// <summary>Most members one message may ask to acknowledge (DingTalk's DING is meant for a few people, not a channel).</summary>
    public int MaxTargets { get; set; } = 20;

    /// <summary>Urgent requests (a send with urgentFor, or marking a message urgent) per sender per <see cref="RateWindow"/>: urgent is intrusive.</summary>
    public int RateLimit { get; set; } = 20;
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A target who has not acknowledged after this long is escalated (SMS, phone, webhook). Null: off.</summary>
    public TimeSpan? EscalateAfter { get; set; }

    /// <summary>How often the escalation job looks for targets that are due.</summary>
    public TimeSpan EscalationPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per target before the job gives up on a failing provider.</summary>
    public int MaxEscalationAttempts { get; set; } = 5;

    public UrgentWebhookOptions Webhook { get; set; } = new();
}

/// <summary>The built-in escalation: a signed JSON POST to <see cref="Url"/> (on when Url is set).</summary>
public sealed class UrgentWebhookOptions
{
    public string? Url { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature header; required with <see cref="Url"/>.</summary>
    public string? Secret { get; set; }

    /// <summary>Whether the payload carries the start of the message text (off: the text stays inside Parley).</summary>
    public bool IncludePreview { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
