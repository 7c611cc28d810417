namespace Parley.Server.Features.Scim;

/// <summary>Parley:Scim — limits of the provisioning endpoint.</summary>
public sealed class ScimOptions
{
    public const string Section = "Parley:Scim";

    /// <summary>Requests per minute per token (Okta and Entra ID pace themselves well below this; a runaway client gets 429).</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Largest request body; a group PATCH listing a few thousand members fits.</summary>
    public int MaxBodyBytes { get; set; } = 128 * 1024;

    /// <summary>Largest page (count); more is answered with this many (RFC 7644 §3.4.2.4 lets the server cap it).</summary>
    public int MaxPageSize { get; set; } = 200;
}
