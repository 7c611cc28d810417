using Microsoft.Extensions.Options;

namespace Parley.Server.Realtime;

/// <summary>
/// Heartbeats of the real-time connection (Parley:Realtime). The server pings a quiet connection every
/// <see cref="KeepAliveInterval"/> and drops one it has heard nothing from for <see cref="ClientTimeout"/>. Every
/// connection's first event (<c>hello</c>) carries both, and Parley's clients follow them: they ping at half the
/// client timeout and give the server twice its keep-alive interval. Held idle, each connection costs the node about
/// 15 µs of CPU per second at the defaults (docs/benchmarks.md), mostly these pings; large deployments can trade
/// slower detection of dead connections for less of it.
/// </summary>
public sealed class RealtimeOptions
{
    public const string Section = "Parley:Realtime";

    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Users one connection may watch for presence (a client shows at most a few hundred at once).</summary>
    public int MaxWatchedPerConnection { get; set; } = 1000;

    /// <summary>Users one user may watch over all their connections on a node.</summary>
    public int MaxWatchedPerUser { get; set; } = 3000;

    /// <summary>Hub calls per second on one connection, other than sends (which the per-user send rate limits).</summary>
    public int CallsPerSecond { get; set; } = 20;
}

public sealed class RealtimeOptionsValidation : IValidateOptions<RealtimeOptions>
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(5), Max = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, RealtimeOptions o)
    {
        var errors = new List<string>();
        if (o.KeepAliveInterval < Min || o.KeepAliveInterval > Max)
            errors.Add($"Parley:Realtime:KeepAliveInterval must be between {Min} and {Max}.");
        if (o.ClientTimeout < Min || o.ClientTimeout > Max)
            errors.Add($"Parley:Realtime:ClientTimeout must be between {Min} and {Max}.");
        if (o.MaxWatchedPerConnection < 1 || o.MaxWatchedPerUser < o.MaxWatchedPerConnection)
            errors.Add("Parley:Realtime:MaxWatchedPerConnection must be at least 1 and MaxWatchedPerUser at least as large.");
        if (o.CallsPerSecond < 1) errors.Add("Parley:Realtime:CallsPerSecond must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
