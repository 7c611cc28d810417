namespace Parley.Server.Features.Moderation;

/// <summary>Parley:Moderation — limits of the sensitive-word rules.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Parley:Moderation";

    /// <summary>Rules in total. 10,000 rules filter a 1 KB message in microseconds (docs/benchmarks.md); the cap keeps memory bounded.</summary>
    public int MaxRules { get; set; } = 100_000;

    /// <summary>Characters in one pattern.</summary>
    public int MaxPatternLength { get; set; } = 100;
}
