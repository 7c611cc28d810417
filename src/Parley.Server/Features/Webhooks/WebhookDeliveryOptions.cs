using Microsoft.Extensions.Options;

namespace Parley.Server.Features.Webhooks;

/// <summary>How outgoing webhook deliveries are retried (Parley:Webhooks:Delivery). Where they may go: Parley:Webhooks (OutboundOptions).</summary>
public sealed class WebhookDeliveryOptions
{
    public const string Section = "Parley:Webhooks:Delivery";

    /// <summary>How long a failing delivery is retried before it is parked as dead (an administrator can replay it).</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Wait after the first failure; it doubles after each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the sender looks for due deliveries when nothing woke it (new deliveries on this node wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries sent at once (each to a different webhook and conversation; one conversation's are sent one by one).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>The sender runs on the node holding this lease (job_leases); another takes over after it runs out.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxWebhooks { get; set; } = 100;

    /// <summary>How long delivered rows stay in the delivery log (pending and dead ones stay until sent or the webhook is deleted).</summary>
    public TimeSpan KeepDelivered { get; set; } = TimeSpan.FromDays(7);
}

public sealed class WebhookDeliveryOptionsValidation : IValidateOptions<WebhookDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookDeliveryOptions o)
    {
        if (o.RetryFor < TimeSpan.FromSeconds(1)) return ValidateOptionsResult.Fail("Parley:Webhooks:Delivery:RetryFor must be at least 1 second.");
        if (o.FirstRetryDelay < TimeSpan.FromMilliseconds(10) || o.MaxRetryDelay < o.FirstRetryDelay)
            return ValidateOptionsResult.Fail("Parley:Webhooks:Delivery:FirstRetryDelay must be at least 10 ms and MaxRetryDelay at least FirstRetryDelay.");
        if (o.PollInterval < TimeSpan.FromMilliseconds(10)) return ValidateOptionsResult.Fail("Parley:Webhooks:Delivery:PollInterval must be at least 10 ms.");
        if (o.Concurrency is < 1 or > 64) return ValidateOptionsResult.Fail("Parley:Webhooks:Delivery:Concurrency must be between 1 and 64.");
        if (o.LeaseDuration < TimeSpan.FromSeconds(3)) return ValidateOptionsResult.Fail("Parley:Webhooks:Delivery:LeaseDuration must be at least 3 seconds.");
        if (o.KeepDelivered < TimeSpan.FromSeconds(1)) return ValidateOptionsResult.Fail("Parley:Webhooks:Delivery:KeepDelivered must be at least 1 second.");
        if (o.MaxWebhooks is < 1 or > 10_000) return ValidateOptionsResult.Fail("Parley:Webhooks:Delivery:MaxWebhooks must be between 1 and 10000.");
        return ValidateOptionsResult.Success;
    }
}
