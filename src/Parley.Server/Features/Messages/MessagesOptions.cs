namespace Parley.Server.Features.Messages;

public sealed class MessagesOptions
{
    public const string Section = "Parley:Messages";

    /// <summary>Largest message text in UTF-8 bytes.</summary>
    public int MaxTextBytes { get; set; } = 16 * 1024;

    /// <summary>How long after sending the sender may recall a message.</summary>
    public TimeSpan RecallWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Sustained messages per second per user, and the burst above it (token bucket).</summary>
    public double RatePerSecond { get; set; } = 10;
    public int RateBurst { get; set; } = 30;

    /// <summary>Any member may @all in conversations up to this size; above it only owners and admins.</summary>
    public int MentionAllOpenUpTo { get; set; } = 50;

    public int MaxClientMsgIdLength { get; set; } = 64;
    public int MaxReactionsPerMessage { get; set; } = 50;
}
