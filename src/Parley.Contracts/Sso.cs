namespace Parley.Contracts;

/// <summary>
/// Single sign-on with OpenID Connect as the administrator sees it (GET/PUT /admin/sso/oidc). The client secret is
/// never returned: <see cref="ClientSecretSet"/> says whether one is stored. <see cref="RedirectUri"/> is the address to
/// register at the identity provider.
/// </summary>
public sealed record OidcSettingsDto(
    bool Enabled, string? Authority, string? ClientId, bool ClientSecretSet, IReadOnlyList<string> Scopes, string? ButtonLabel,
    string LinkClaim, bool LinkExisting, bool AutoProvision, bool TrustIdpMfa, bool RequireHttpsMetadata, string RedirectUri);

/// <summary>PUT /admin/sso/oidc. <see cref="ClientSecret"/>: null keeps the stored secret, "" removes it.</summary>
public sealed record OidcSettingsRequest(
    bool Enabled, string? Authority, string? ClientId, string? ClientSecret, IReadOnlyList<string>? Scopes, string? ButtonLabel,
    string? LinkClaim, bool LinkExisting, bool AutoProvision, bool TrustIdpMfa, bool RequireHttpsMetadata = true);

/// <summary>POST /admin/sso/oidc/test: the authority to try (the saved one when absent).</summary>
public sealed record OidcTestRequest(string? Authority, bool? RequireHttpsMetadata);

/// <summary>
/// What "test connection" found: <see cref="Stage"/> is how far it got (discovery, keys, done); <see cref="Error"/>
/// says what failed, in words for the administrator.
/// </summary>
public sealed record OidcTestResultDto(bool Ok, string Stage, string? Issuer, string? AuthorizationEndpoint, string? TokenEndpoint, int SigningKeys, string? Error);

/// <summary>POST /auth/oidc/exchange: the one-time code from the sign-in redirect, and a second factor when the account has one.</summary>
public sealed record OidcExchangeRequest(string? Code, string? TotpCode = null);

/// <summary>The session, and the local path the sign-in started from.</summary>
public sealed record OidcExchangeResponse(LoginResponse Login, string ReturnUrl);

/// <summary>The sign-in button the login page shows when single sign-on is on (in the anonymous client config).</summary>
public sealed record SsoConfigDto(string ButtonLabel, string StartUrl);

/// <summary>
/// Why a single sign-on came back to the login page without a session: the value of its <c>sso_error</c> query
/// parameter. The login page shows a sentence for each.
/// </summary>
public static class SsoErrors
{
    /// <summary>The person cancelled at the identity provider or was refused there (OAuth error access_denied).</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>The handshake failed: a bad or replayed state, a token that did not validate, the provider unreachable.</summary>
    public const string Failed = "sso_failed";

    /// <summary>No Parley account matches, and just-in-time provisioning is off.</summary>
    public const string NoAccount = "sso_no_account";

    /// <summary>Provisioning would take a username another account has.</summary>
    public const string UsernameTaken = "sso_username_taken";

    /// <summary>The matching Parley account is deactivated.</summary>
    public const string AccountDisabled = "account_disabled";

    /// <summary>Single sign-on is switched off.</summary>
    public const string Disabled = "sso_disabled";
}
