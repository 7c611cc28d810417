using Microsoft.Extensions.Options;
using Parley.Contracts;

namespace Parley.Server.Features.Push;

public sealed class PushOptions
{
    public const string Section = "Parley:Push";

    /// <summary>Off: no pushes are sent (devices can still be registered, so turning it on later reaches them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What a push may reveal: full (sender and text), sender (sender only) or none (that something arrived).</summary>
    public string Preview { get; set; } = PushPreviews.Full;

    /// <summary>The VAPID contact (mailto: or https:) push services use to reach the operator.</summary>
    public string Subject { get; set; } = "mailto:admin@localhost";

    /// <summary>Accept http:// endpoints (tests against a local push service only).</summary>
    public bool AllowInsecureEndpoints { get; set; }

    /// <summary>
    /// Hosts an endpoint may be on (a suffix: "push.apple.com" takes "web.push.apple.com"); "*" takes any. Not set:
    /// the browsers' push services. The server posts to these URLs, so an open list lets users point it at any host.
    /// </summary>
    public string[]? AllowedEndpointHosts { get; set; }

    public static readonly string[] DefaultEndpointHosts =
        ["fcm.googleapis.com", "android.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"];

    public int MaxSubscriptionsPerUser { get; set; } = 10;

    /// <summary>How long a push service keeps an undelivered push (the TTL header).</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Messages older than this when the sender gets to them (after an outage) are not pushed any more.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>One push request's timeout: a slow or dead endpoint holds back no one else for longer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Push requests in flight at once.</summary>
    public int Concurrency { get; set; } = 8;

    public string[] EndpointHosts => AllowedEndpointHosts is { Length: > 0 } hosts ? hosts : DefaultEndpointHosts;
}

public sealed class PushOptionsValidation : IValidateOptions<PushOptions>
{
    public ValidateOptionsResult Validate(string? name, PushOptions o)
    {
        var errors = new List<string>();
        if (!PushPreviews.All.Contains(o.Preview))
            errors.Add($"Unknown Parley:Push:Preview '{o.Preview}'. Valid values: {string.Join(", ", PushPreviews.All)}.");
        if (!(o.Subject.StartsWith("mailto:", StringComparison.Ordinal) || o.Subject.StartsWith("https://", StringComparison.Ordinal)))
            errors.Add("Parley:Push:Subject must be a mailto: or https: URL.");
        if (o.MaxSubscriptionsPerUser is < 1 or > 100) errors.Add("Parley:Push:MaxSubscriptionsPerUser must be between 1 and 100.");
        if (o.TimeToLive < TimeSpan.Zero || o.TimeToLive > TimeSpan.FromDays(28)) errors.Add("Parley:Push:TimeToLive must be between 0 and 28 days.");
        if (o.MaxAge <= TimeSpan.Zero) errors.Add("Parley:Push:MaxAge must be positive.");
        if (o.Timeout <= TimeSpan.Zero || o.Timeout > TimeSpan.FromMinutes(2)) errors.Add("Parley:Push:Timeout must be between 0 and 2 minutes.");
        if (o.Concurrency is < 1 or > 64) errors.Add("Parley:Push:Concurrency must be between 1 and 64.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
