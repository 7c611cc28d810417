using System.Net;
using Microsoft.Extensions.Options;

namespace Parley.Server.Operations.Metrics;

/// <summary>
/// Who may read <c>GET /metrics</c> (Parley:Metrics). By default only loopback clients: a Prometheus on the same host, or
/// one that reaches the node through an SSH tunnel. <see cref="AllowedNetworks"/> adds CIDR ranges (the monitoring
/// subnet); <see cref="BearerToken"/> admits any client that sends it (a Prometheus elsewhere with
/// <c>authorization: credentials</c>). The metrics carry no personal data, but route names, counts and versions help an
/// attacker, so the default is closed.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Parley:Metrics";

    public bool Enabled { get; set; } = true;

    /// <summary>CIDR ranges (e.g. 10.0.5.0/24, fd00::/8) besides loopback, which is always allowed.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>When set (at least 16 characters), a request with <c>Authorization: Bearer &lt;token&gt;</c> may read from anywhere.</summary>
    public string? BearerToken { get; set; }

    internal IReadOnlyList<System.Net.IPNetwork> Networks() =>
        [.. AllowedNetworks.Select(n => System.Net.IPNetwork.Parse(n.Trim()))];
}

public sealed class MetricsOptionsValidation : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions o)
    {
        var errors = new List<string>();
        foreach (var n in o.AllowedNetworks)
            if (!System.Net.IPNetwork.TryParse(n?.Trim(), out _))
                errors.Add($"Parley:Metrics:AllowedNetworks: '{n}' is not a CIDR range such as 10.0.5.0/24 or fd00::/8.");
        if (o.BearerToken is { } t && t.Length > 0 && t.Length < 16)
            errors.Add("Parley:Metrics:BearerToken must be at least 16 characters (or unset).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
