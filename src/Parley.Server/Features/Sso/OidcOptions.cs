namespace Parley.Server.Features.Sso;

/// <summary>
/// Single sign-on with OpenID Connect (<c>Parley:Oidc</c>). These are the start-up values; once an administrator saves
/// the SSO section of the console, the saved values (the <c>settings</c> table, key <see cref="OidcSettings.Key"/>) win.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Parley:Oidc";

    public bool Enabled { get; set; }

    /// <summary>The issuer's address; its /.well-known/openid-configuration is read from there.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string[] Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>The sign-in button's text; "Sign in with SSO" (localized by the client) when empty.</summary>
    public string? ButtonLabel { get; set; }

    /// <summary>The claim that names the person in Parley: its value is matched to a Parley account (see <see cref="LinkExisting"/>) and becomes the username of a provisioned one.</summary>
    public string LinkClaim { get; set; } = "preferred_username";

    /// <summary>The first sign-in of a person may link to an existing account whose username equals the link claim.</summary>
    public bool LinkExisting { get; set; }

    /// <summary>Just-in-time provisioning: a person with no Parley account gets one (auth_source 'oidc', external_id = sub).</summary>
    public bool AutoProvision { get; set; }

    /// <summary>Accounts with TOTP skip Parley's second factor on a single sign-on: the identity provider's MFA is trusted instead.</summary>
    public bool TrustIdpMfa { get; set; }

    /// <summary>False is accepted only for a loopback authority (tests, a provider on the same machine).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public OidcOptions Clone() => (OidcOptions)MemberwiseClone();

    /// <summary>Whether sign-in can be offered: switched on and complete.</summary>
    public bool Usable => Enabled && !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
