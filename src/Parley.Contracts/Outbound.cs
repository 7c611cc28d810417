namespace Parley.Contracts;

/// <summary>
/// Stable codes for calls Parley makes to integration URLs (outgoing webhooks, card clicks, slash commands). At
/// registration they come back as 422 problem details; at delivery they are recorded on the delivery.
/// </summary>
public static class OutboundErrorCodes
{
    /// <summary>The URL's host resolves to a loopback, private, link-local, CGNAT, multicast or unspecified address and is not in Parley:Webhooks:AllowedHosts.</summary>
    public const string TargetForbidden = "target_forbidden";

    /// <summary>Not an absolute http or https URL.</summary>
    public const string InvalidTarget = "invalid_target";

    /// <summary>The target did not answer in time.</summary>
    public const string TargetTimeout = "target_timeout";

    /// <summary>The connection failed (refused, reset, DNS name unknown, TLS failure).</summary>
    public const string TargetUnreachable = "target_unreachable";

    /// <summary>More redirects than Parley:Webhooks:MaxRedirects.</summary>
    public const string TooManyRedirects = "too_many_redirects";

    /// <summary>The response body is larger than Parley:Webhooks:MaxResponseBytes.</summary>
    public const string ResponseTooLarge = "response_too_large";
}
