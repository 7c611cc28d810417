namespace Parley.Server.Features.SlashCommands;

/// <summary>Parley:SlashCommands: external (administrator-registered) slash commands.</summary>
public sealed class SlashCommandsOptions
{
    public const string Section = "Parley:SlashCommands";

    /// <summary>How long a run's response_url takes delayed answers (Slack's 30 minutes).</summary>
    public TimeSpan ResponseUrlLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Answers one response_url takes (Slack's 5).</summary>
    public int ResponseUrlUses { get; set; } = 5;

    /// <summary>Posts with unknown or expired response_url tokens one address may make per minute before 429.</summary>
    public int UnknownResponseTokensPerMinute { get; set; } = 30;
}
