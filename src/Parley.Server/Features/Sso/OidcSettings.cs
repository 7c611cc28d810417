using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Security;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Sso;

/// <summary>
/// The single sign-on settings in force on this node: <c>Parley:Oidc</c> from configuration until an administrator saves
/// the console's SSO section, then the saved row of the <c>settings</c> table. A change applies without a restart: the
/// handler's options are dropped from <see cref="IOptionsMonitorCache{TOptions}"/> (they are rebuilt, with a fresh
/// discovery document, on the next sign-in), here at once and on other nodes when they read the <c>settings.changed</c>
/// event (<see cref="OidcSettingsFromLog"/>).
/// </summary>
public sealed class OidcSettings(IOptions<OidcOptions> configured, SettingsStore settings, WriteQueue writer, IOptionsMonitorCache<OpenIdConnectOptions> handlerOptions)
{
    public const string Key = "sso.oidc";
    public const string Scheme = "oidc";
    public const string CallbackPath = "/api/v1/auth/oidc/callback";
    public const string StartPath = "/api/v1/auth/oidc/start";

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);
    private static readonly string[] LinkClaims = ["preferred_username", "email", "upn", "unique_name", "name", "sub", "oid"];
    private volatile OidcOptions? _current;

    /// <summary>The settings in force (loaded by <see cref="ReloadAsync"/> at start-up and after a change).</summary>
    public OidcOptions Current => _current ?? configured.Value;

    public async Task ReloadAsync()
    {
        var stored = await settings.GetAsync(Key);
        _current = stored is null ? configured.Value : JsonSerializer.Deserialize<OidcOptions>(stored, StoredJson) ?? configured.Value;
        handlerOptions.TryRemove(Scheme);
    }

    public OidcSettingsDto Describe(HttpContext http)
    {
        var o = Current;
        return new OidcSettingsDto(o.Enabled, o.Authority, o.ClientId, !string.IsNullOrEmpty(o.ClientSecret), o.Scopes, o.ButtonLabel,
            o.LinkClaim, o.LinkExisting, o.AutoProvision, o.TrustIdpMfa, o.RequireHttpsMetadata,
            $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{CallbackPath}");
    }

    public async Task SaveAsync(OidcSettingsRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.SystemManage);
        var next = Validate(request, Current);
        var json = JsonSerializer.Serialize(next, StoredJson);
        await writer.ExecuteAsync(w =>
        {
            SettingsStore.Set(w, Key, json);
            // The secret is never written to the log: only whether it changed.
            return SystemLog.Append(w, actor, SystemEventTypes.SettingChanged, null, new
            {
                key = Key, next.Enabled, next.Authority, next.ClientId, next.Scopes, next.LinkClaim, next.LinkExisting, next.AutoProvision, next.TrustIdpMfa,
                clientSecretChanged = request.ClientSecret is not null,
            });
        });
        await ReloadAsync();
    }

    private static OidcOptions Validate(OidcSettingsRequest r, OidcOptions before)
    {
        var authority = r.Authority?.Trim();
        if (!string.IsNullOrEmpty(authority)) CheckAuthority(authority, r.RequireHttpsMetadata, "authority");
        var clientId = r.ClientId?.Trim();
        if (clientId is { Length: > 200 }) throw ParleyException.Invalid("clientId", "The client id is at most 200 characters.");
        if (r.ClientSecret is { Length: > 500 }) throw ParleyException.Invalid("clientSecret", "The client secret is at most 500 characters.");
        var scopes = (r.Scopes ?? ["openid", "profile", "email"]).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length > 20 || scopes.Any(s => s.Length > 100 || !s.All(c => c > ' ' && c < 127 && c != '"' && c != '\\')))
            throw ParleyException.Invalid("scopes", "Scopes are at most 20 words of printable ASCII.");
        if (!scopes.Contains("openid")) scopes = ["openid", .. scopes];
        var label = r.ButtonLabel?.Trim();
        if (label is { Length: > 60 } || label?.Any(char.IsControl) == true)
            throw ParleyException.Invalid("buttonLabel", "The button label is at most 60 characters.");
        var linkClaim = string.IsNullOrWhiteSpace(r.LinkClaim) ? "preferred_username" : r.LinkClaim.Trim();
        if (!LinkClaims.Contains(linkClaim))
            throw ParleyException.Invalid("linkClaim", $"linkClaim is one of: {string.Join(", ", LinkClaims)}.");
        if (r.Enabled && (string.IsNullOrEmpty(authority) || string.IsNullOrEmpty(clientId)))
            throw ParleyException.Invalid("authority", "Single sign-on needs the authority and the client id before it can be switched on.");
        return new OidcOptions
        {
            Enabled = r.Enabled,
            Authority = string.IsNullOrEmpty(authority) ? null : authority,
            ClientId = string.IsNullOrEmpty(clientId) ? null : clientId,
            ClientSecret = r.ClientSecret is null ? before.ClientSecret : r.ClientSecret.Length == 0 ? null : r.ClientSecret,
            Scopes = scopes,
            ButtonLabel = string.IsNullOrEmpty(label) ? null : label,
            LinkClaim = linkClaim,
            LinkExisting = r.LinkExisting,
            AutoProvision = r.AutoProvision,
            TrustIdpMfa = r.TrustIdpMfa,
            RequireHttpsMetadata = r.RequireHttpsMetadata,
        };
    }

    /// <summary>An absolute http(s) address; plain http only for a loopback host with RequireHttpsMetadata off.</summary>
    public static Uri CheckAuthority(string authority, bool requireHttps, string field)
    {
        if (authority.Length > 500 || !Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            throw ParleyException.Invalid(field, "The authority is the identity provider's https address (no query or fragment).");
        if (uri.Scheme == Uri.UriSchemeHttp && (requireHttps || !uri.IsLoopback))
            throw ParleyException.Invalid(field, "The authority must use https; plain http is allowed only for a loopback address with requireHttpsMetadata off.");
        return uri;
    }
}
