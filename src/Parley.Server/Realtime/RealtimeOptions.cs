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
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
