namespace Parley.Server.Features.Service;

/// <summary>Parley:Service — customer service: visitor sessions, their limits, and the AI first line.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Parley:Service";

    /// <summary>How long a visitor's guest token lives (the widget keeps it, so a reload continues the same conversation).</summary>
    public TimeSpan VisitorSessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Visitor sessions one client address may start per minute (across nodes in cluster mode).</summary>
    public int SessionsPerMinutePerAddress { get; set; } = 10;

    /// <summary>Visitor sessions one widget may start per minute, all addresses together (a flood from many addresses).</summary>
    public int SessionsPerMinutePerWidget { get; set; } = 300;

    /// <summary>
    /// Chats a widget starts per minute (all addresses) before each further one must solve a proof-of-work challenge
    /// (<see cref="VisitorChallenges"/>); 0: always. Counted in the same window as <see cref="SessionsPerMinutePerWidget"/>.
    /// </summary>
    public int ChallengeAboveSessionsPerMinute { get; set; } = 60;

    /// <summary>Session requests one address makes per minute before each further one must solve the challenge; 0: always.</summary>
    public int ChallengeAboveSessionsPerMinutePerAddress { get; set; } = 3;

    /// <summary>Leading zero bits the challenge asks for: about 2^difficulty SHA-256 hashes on the visitor's device (17: about 1–2 s on a phone).</summary>
    public int ChallengeDifficulty { get; set; } = 17;

    /// <summary>How long a challenge may be solved and used (once).</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Anonymous reads of a widget's public settings per client address per minute.</summary>
    public int PublicRequestsPerMinute { get; set; } = 120;

    /// <summary>The AI first line answers visitors (when the knowledge base has published articles or a model is enabled); false: straight to the queue.</summary>
    public bool BotEnabled { get; set; } = true;

    /// <summary>Characters of a close summary, an internal note or a rating comment.</summary>
    public int MaxTextChars { get; set; } = 4000;

    /// <summary>
    /// Skills routing: after a conversation has waited this long with no online agent holding all its required skills,
    /// any agent of the queue may be offered it. 0: never fall back (it waits for a skilled agent or a manual accept).
    /// </summary>
    public int SkillFallbackSeconds { get; set; } = 120;

    /// <summary>
    /// How often the node holding the "service-router" lease offers waiting conversations nobody is offered: those a
    /// skilled agent may now take (they came online) and those whose skill fallback time has passed.
    /// </summary>
    public TimeSpan RoutingSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Visitor users are erased (through the personal-data erasure, so a legal hold keeps them) once every service
    /// conversation of theirs has been closed this many days, or, with none, this many days after they were created.
    /// 0: keep them forever.
    /// </summary>
    public int VisitorRetentionDays { get; set; } = 180;

    /// <summary>How often the node holding the "visitor-retention" lease looks for visitors to erase.</summary>
    public TimeSpan VisitorRetentionInterval { get; set; } = TimeSpan.FromHours(1);

    internal TimeSpan SkillFallback => TimeSpan.FromSeconds(SkillFallbackSeconds);

    internal IEnumerable<string> Errors()
    {
        if (VisitorSessionLifetime < TimeSpan.FromMinutes(5) || VisitorSessionLifetime > TimeSpan.FromDays(90))
            yield return "Parley:Service:VisitorSessionLifetime must be between 00:05:00 and 90.00:00:00.";
        if (SessionsPerMinutePerAddress is < 1 or > 100_000) yield return "Parley:Service:SessionsPerMinutePerAddress must be between 1 and 100000.";
        if (SessionsPerMinutePerWidget is < 1 or > 1_000_000) yield return "Parley:Service:SessionsPerMinutePerWidget must be between 1 and 1000000.";
        if (ChallengeAboveSessionsPerMinute is < 0 or > 1_000_000) yield return "Parley:Service:ChallengeAboveSessionsPerMinute must be between 0 (always) and 1000000.";
        if (ChallengeAboveSessionsPerMinutePerAddress is < 0 or > 100_000) yield return "Parley:Service:ChallengeAboveSessionsPerMinutePerAddress must be between 0 (always) and 100000.";
        if (ChallengeDifficulty is < 1 or > 32) yield return "Parley:Service:ChallengeDifficulty must be between 1 and 32 (leading zero bits).";
        if (ChallengeLifetime < TimeSpan.FromSeconds(1) || ChallengeLifetime > TimeSpan.FromHours(1))
            yield return "Parley:Service:ChallengeLifetime must be between 00:00:01 and 01:00:00.";
        if (PublicRequestsPerMinute is < 1 or > 100_000) yield return "Parley:Service:PublicRequestsPerMinute must be between 1 and 100000.";
        if (MaxTextChars is < 100 or > 100_000) yield return "Parley:Service:MaxTextChars must be between 100 and 100000.";
        if (SkillFallbackSeconds is < 0 or > 86_400) yield return "Parley:Service:SkillFallbackSeconds must be between 0 (never) and 86400.";
        if (RoutingSweepInterval < TimeSpan.FromMilliseconds(100) || RoutingSweepInterval > TimeSpan.FromMinutes(5))
            yield return "Parley:Service:RoutingSweepInterval must be between 00:00:00.1 and 00:05:00.";
        if (VisitorRetentionDays is < 0 or > 36_500) yield return "Parley:Service:VisitorRetentionDays must be between 0 (keep forever) and 36500.";
        if (VisitorRetentionInterval < TimeSpan.FromSeconds(1) || VisitorRetentionInterval > TimeSpan.FromDays(1))
            yield return "Parley:Service:VisitorRetentionInterval must be between 00:00:01 and 1.00:00:00.";
    }
}
