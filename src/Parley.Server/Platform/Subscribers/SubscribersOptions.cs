using Microsoft.Extensions.Options;

namespace Parley.Server.Platform.Subscribers;

public sealed class SubscribersOptions
{
    public const string Section = "Parley:Subscribers";

    /// <summary>How long a node holds a subscriber without renewing; after a node dies another takes over within this time.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle subscriber looks for events committed by other nodes (this node's commits wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries of a failing batch (the wait doubles from one second up to this).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After a commit wakes a leased subscriber, it waits this long before reading, so the commits of that window are
    /// read and handled as one batch (one read, one handler call) instead of one each. Zero reads at once.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a leased subscriber may keep handled events unacknowledged before storing its cursor (one write for
    /// many batches). A crash or a lost lease replays at most what was handled in this time. Zero stores the cursor
    /// after every batch.
    /// </summary>
    public TimeSpan CursorInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class SubscribersOptionsValidation : IValidateOptions<SubscribersOptions>
{
    public ValidateOptionsResult Validate(string? name, SubscribersOptions o)
    {
        if (o.LeaseDuration < TimeSpan.FromSeconds(1)) return ValidateOptionsResult.Fail("Parley:Subscribers:LeaseDuration must be at least 1 second.");
        if (o.PollInterval <= TimeSpan.Zero || o.PollInterval * 3 > o.LeaseDuration)
            return ValidateOptionsResult.Fail("Parley:Subscribers:PollInterval must be positive and at most a third of LeaseDuration (the lease is renewed while idle).");
        if (o.MaxBackoff < TimeSpan.FromSeconds(1)) return ValidateOptionsResult.Fail("Parley:Subscribers:MaxBackoff must be at least 1 second.");
        if (o.BatchWindow < TimeSpan.Zero || o.BatchWindow > o.PollInterval)
            return ValidateOptionsResult.Fail("Parley:Subscribers:BatchWindow must be between zero and PollInterval.");
        if (o.CursorInterval < TimeSpan.Zero || o.CursorInterval * 3 > o.LeaseDuration)
            return ValidateOptionsResult.Fail("Parley:Subscribers:CursorInterval must be between zero and a third of LeaseDuration (the cursor's write renews the lease).");
        return ValidateOptionsResult.Success;
    }
}
