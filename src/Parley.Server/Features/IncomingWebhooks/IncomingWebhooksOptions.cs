namespace Parley.Server.Features.IncomingWebhooks;

public sealed class IncomingWebhooksOptions
{
    public const string Section = "Parley:IncomingWebhooks";

    /// <summary>Posts one hook may make per minute (across nodes in cluster mode); more get 429 hook_rate_limited.</summary>
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>Posts with an unknown or revoked token one address may make per minute before every post from it gets 429 (slows token guessing).</summary>
    public int UnknownTokenAttemptsPerMinute { get; set; } = 30;

    /// <summary>Live hooks one conversation may have.</summary>
    public int MaxPerConversation { get; set; } = 20;

    /// <summary>How long a card click waits for the integration's answer before the clicker is told it timed out (Slack allows 3 s).</summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
