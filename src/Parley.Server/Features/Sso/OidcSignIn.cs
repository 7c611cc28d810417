using System.Security.Claims;
using System.Security.Cryptography;
using System.Buffers.Text;
using System.Text;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.Identity;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Sso;

/// <summary>
/// What happens after the identity provider vouched for someone: find their Parley account (or link or provision one),
/// and hand the web client a one-time code in the redirect, never a token. The client exchanges the code by POST for
/// a session from <see cref="SessionIssuer"/>, which refuses deactivated users, runs the session policies (a TOTP
/// account types its code there, unless the provider's MFA is trusted) and records <c>auth.login</c> with provider
/// <c>oidc</c>.
/// </summary>
public sealed class OidcSignIn(OidcSettings settings, WriteQueue writer, UserStore users, SessionIssuer issuer, LoginFailureAudit failures, ILogger<OidcSignIn> logger)
{
    public const string ProviderName = "oidc";
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(2);

    /// <summary>A code may meet a refused second factor this many times before it is gone (the person starts over).</summary>
    public const int MaxSecondFactorAttempts = 5;

    /// <summary>The web client's address with the outcome for its sign-in page (<c>sso_code</c> or <c>sso_error</c>).</summary>
    public static string LoginPage(string error) => "/?sso_error=" + Uri.EscapeDataString(error);

    private sealed record Resolution(long? UserId, string? Error, bool Provisioned = false, bool Linked = false);

    public async Task<string> CompleteAsync(ClaimsPrincipal principal, string? returnUrl, HttpContext http)
    {
        var o = settings.Current;
        if (!o.Usable) return LoginPage(SsoErrors.Disabled);
        var sub = principal.FindFirst("sub");
        if (sub is null || string.IsNullOrEmpty(sub.Value) || sub.Value.Length > 255) return LoginPage(SsoErrors.Failed);
        var issuerName = principal.FindFirst("iss")?.Value ?? sub.Issuer;
        var claimValue = principal.FindFirst(o.LinkClaim)?.Value?.Trim();
        var name = principal.FindFirst("name")?.Value;
        var actor = Actor.Anonymous(http.Connection.RemoteIpAddress?.ToString());

        var resolution = await writer.ExecuteAsync(w => Resolve(w, o, issuerName, sub.Value, claimValue, name, actor));
        if (resolution.Error is { } error)
        {
            OidcLog.Refused(logger, error, o.LinkClaim);
            return LoginPage(error);
        }
        var user = (await users.FindAsync(resolution.UserId!.Value))!;
        if (!user.IsActive)
        {
            await failures.RecordAsync(user.Username, user.Id, ErrorCodes.AccountDisabled, actor with { UserId = user.Id });
            return LoginPage(SsoErrors.AccountDisabled);
        }
        var code = "sc_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expiresAt = DateTimeOffset.UtcNow.Add(CodeLifetime).ToUnixTimeMilliseconds();
        await writer.ExecuteAsync(w =>
        {
            OidcStore.AddCode(w, Hash(code), user.Id, ReturnUrls.Local(returnUrl), expiresAt);
            return 0;
        });
        return "/?sso_code=" + code;
    }

    private static Resolution Resolve(WriteContext w, OidcOptions o, string issuerName, string sub, string? claimValue, string? name, Actor actor)
    {
        if (OidcStore.LinkedUser(w, issuerName, sub) is { } linked) return new Resolution(linked, null);
        // First sign-in of this person: an account made for single sign-on, then (if allowed) one with the same username.
        var found = OidcStore.OidcAccount(w, sub)
            ?? (string.IsNullOrEmpty(claimValue) ? null : OidcStore.OidcAccount(w, claimValue))
            ?? (o.LinkExisting && !string.IsNullOrEmpty(claimValue) ? OidcStore.AccountByUsername(w, claimValue) : null);
        var provisioned = false;
        if (found is null)
        {
            if (!o.AutoProvision) return new Resolution(null, SsoErrors.NoAccount);
            var username = claimValue is { Length: > 0 } v && o.LinkClaim == "email" ? v.Split('@')[0] : claimValue ?? sub;
            try { UserService.ValidateUsername(username); }
            catch (ParleyException) { return new Resolution(null, SsoErrors.NoAccount); }
            if (UserStore.UsernameTaken(w, username)) return new Resolution(null, SsoErrors.UsernameTaken);
            var display = DisplayName(name, username);
            var user = UserStore.Insert(w, username, display, null, ProviderName, sub);
            SystemLog.Append(w, actor with { UserId = user.Id }, SystemEventTypes.UserCreated, user.Id, new { username, roles = Array.Empty<string>(), source = ProviderName });
            found = user.Id;
            provisioned = true;
        }
        OidcStore.Link(w, issuerName, sub, found.Value);
        SystemLog.Append(w, actor with { UserId = found }, SystemEventTypes.SsoLinked, found, new { issuer = issuerName, subject = sub, claim = o.LinkClaim, provisioned });
        return new Resolution(found, null, provisioned, Linked: true);
    }

    /// <summary>The provider's display name, cut to Parley's limit and without control characters; the username when none.</summary>
    private static string DisplayName(string? name, string fallback)
    {
        var clean = new string((name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length > 100) clean = clean[..100];
        return clean.Length > 0 ? clean : fallback;
    }

    public async Task<OidcExchangeResponse> ExchangeAsync(OidcExchangeRequest request, Actor actor, string? userAgent, CancellationToken cancellationToken)
    {
        if (request.Code is not { Length: > 3 and < 100 } code || !code.StartsWith("sc_", StringComparison.Ordinal)) throw Invalid();
        var hash = Hash(code);
        var taken = await writer.ExecuteAsync(w => OidcStore.TakeCode(w, hash));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (taken is null || taken.ExpiresAt <= now) throw Invalid();
        var user = await users.FindAsync(taken.UserId) ?? throw Invalid();
        var o = settings.Current;
        try
        {
            var login = await issuer.IssueAsync(user, new SessionRequest(ProviderName, actor with { UserId = user.Id }, userAgent, request.TotpCode, SecondFactorByProvider: o.TrustIdpMfa),
                cancellationToken);
            return new OidcExchangeResponse(login, taken.ReturnUrl);
        }
        catch (ParleyException e) when (e.Code is ErrorCodes.TotpRequired or ErrorCodes.TotpInvalid && taken.Attempts + 1 < MaxSecondFactorAttempts)
        {
            // The person proved who they are at the provider and now types their code: the same code stays valid until it expires.
            await writer.ExecuteAsync(w =>
            {
                OidcStore.AddCode(w, hash, taken.UserId, taken.ReturnUrl, taken.ExpiresAt, taken.Attempts + 1);
                return 0;
            });
            throw;
        }
    }

    private static ParleyException Invalid() => new(400, ErrorCodes.SsoCodeInvalid, "The sign-in code is unknown, expired or already used: sign in again.");

    private static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(code));
}
