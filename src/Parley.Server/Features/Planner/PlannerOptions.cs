namespace Parley.Server.Features.Planner;

/// <summary>Parley:Planner. The capacity profile path is read where it is used (CapacityProfileSource).</summary>
public sealed class PlannerOptions
{
    public const string Section = "Parley:Planner";

    /// <summary>
    /// Lets people without an account use the cost planner (page and API): finance readers are rarely chat users
    /// (issue 20). The planner reads no conversation data; off by default so a server exposes nothing unasked.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Plans per minute per address for callers without a token (each plan runs the sensitivity analysis).</summary>
    public int AnonymousPlansPerMinute { get; set; } = 30;
}
