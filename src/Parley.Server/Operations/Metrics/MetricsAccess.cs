using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Hosting;

namespace Parley.Server.Operations.Metrics;

/// <summary>
/// Guards <c>GET /metrics</c>: loopback, an allowed network, or the bearer token; anything else is a 403 problem.
/// A request that still carries X-Forwarded-For came through a proxy Parley does not trust (Parley:Proxy:KnownProxies
/// consumes the header for the ones it does): its loopback address is the proxy's, not the client's, so it is refused
/// without the token. Otherwise an nginx on the same host would open /metrics to the internet.
/// </summary>
public sealed class MetricsAccess(IOptions<MetricsOptions> options)
{
    private readonly IReadOnlyList<System.Net.IPNetwork> _networks = options.Value.Networks();
    private readonly byte[]? _token = options.Value.BearerToken is { Length: > 0 } t ? Encoding.UTF8.GetBytes(t) : null;

    public bool Allows(HttpContext http)
    {
        if (_token is not null && BearerMatches(http.Request.Headers.Authorization.ToString())) return true;
        if (http.Request.Headers.ContainsKey("X-Forwarded-For")) return false;
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote) || _networks.Any(n => n.Contains(remote));
    }

    private bool BearerMatches(string header)
    {
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()), _token);
    }

    public Task RefuseAsync(HttpContext http) => ProblemMapping.WriteAsync(http, 403, ErrorCodes.Forbidden,
        "Metrics are readable from loopback, Parley:Metrics:AllowedNetworks, or with Parley:Metrics:BearerToken.");
}
