namespace Parley.Server.Features.Assistant;

/// <summary>Parley:Ai:Assistant — summaries and reply suggestions in conversations. Off by default; each conversation's owner or admin must also consent.</summary>
public sealed class AssistantOptions
{
    public const string Section = "Parley:Ai:Assistant";

    public bool Enabled { get; set; }

    /// <summary>Most messages sent to the model for one summary (the newest ones when there are more).</summary>
    public int MaxMessages { get; set; } = 200;

    /// <summary>Messages before the request that a reply suggestion is based on.</summary>
    public int SuggestionContextMessages { get; set; } = 20;

    /// <summary>Characters of one message given to the model.</summary>
    public int MaxMessageChars { get; set; } = 2000;

    internal bool IsValid() => MaxMessages is >= 1 and <= 2000 && SuggestionContextMessages is >= 1 and <= 200 && MaxMessageChars is >= 100 and <= 100_000;
}
