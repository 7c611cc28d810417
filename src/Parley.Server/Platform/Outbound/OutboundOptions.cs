using System.Net;
using Microsoft.Extensions.Options;

namespace Parley.Server.Platform.Outbound;

/// <summary>
/// Calls to integration URLs (outgoing webhooks, card clicks, slash commands): what they may reach and how long they
/// may take. The section is shared with the outgoing webhooks' delivery settings (Parley:Webhooks:Delivery).
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "Parley:Webhooks";

    /// <summary>
    /// Host names or IP addresses that may be reached although they resolve to a refused address (an OA system on the
    /// company network, a receiver on the same machine). A host name entry allows every address that name resolves to;
    /// an address entry allows that address under any name. Matching is exact and case-insensitive: no wildcards.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Longest time a call may take, redirects included, unless the caller asks for less.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest time to open a TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Redirects followed per call, each to a target checked again; 0 returns the 3xx to the caller.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>Largest response body read; a larger one fails the call with response_too_large.</summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024;

    /// <summary>Quick retries inside one call after a connection failure or a 502/503/504 (Microsoft.Extensions.Http.Resilience).</summary>
    public int TransientRetries { get; set; } = 2;

    /// <summary>True when <paramref name="host"/> (as written in the URL) or <paramref name="address"/> is listed.</summary>
    public bool IsAllowed(string host, IPAddress? address)
    {
        foreach (var entry in AllowedHosts)
        {
            var e = entry.Trim().Trim('[', ']');
            if (e.Length == 0) continue;
            if (string.Equals(e, host, StringComparison.OrdinalIgnoreCase)) return true;
            if (address is not null && IPAddress.TryParse(e, out var listed) && Normalize(listed).Equals(Normalize(address))) return true;
        }
        return false;
    }

    internal static IPAddress Normalize(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;
}

public sealed class OutboundOptionsValidation : IValidateOptions<OutboundOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboundOptions o)
    {
        if (o.Timeout < TimeSpan.FromMilliseconds(100)) return ValidateOptionsResult.Fail("Parley:Webhooks:Timeout must be at least 100 ms.");
        if (o.ConnectTimeout < TimeSpan.FromMilliseconds(100)) return ValidateOptionsResult.Fail("Parley:Webhooks:ConnectTimeout must be at least 100 ms.");
        if (o.MaxRedirects is < 0 or > 10) return ValidateOptionsResult.Fail("Parley:Webhooks:MaxRedirects must be between 0 and 10.");
        if (o.MaxResponseBytes is < 1024 or > 16 * 1024 * 1024) return ValidateOptionsResult.Fail("Parley:Webhooks:MaxResponseBytes must be between 1 KiB and 16 MiB.");
        if (o.TransientRetries is < 0 or > 5) return ValidateOptionsResult.Fail("Parley:Webhooks:TransientRetries must be between 0 and 5.");
        foreach (var h in o.AllowedHosts)
            if (string.IsNullOrWhiteSpace(h) || h.Contains('*') || h.Contains('/'))
                return ValidateOptionsResult.Fail($"Parley:Webhooks:AllowedHosts entry '{h}' must be a host name or an IP address (no wildcards, no CIDR, no URL).");
        return ValidateOptionsResult.Success;
    }
}
