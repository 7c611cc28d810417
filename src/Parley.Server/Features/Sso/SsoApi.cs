using Microsoft.AspNetCore.Authentication;
using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Sso;

public static class SsoApi
{
    public static void MapSsoApi(this RouteGroupBuilder api)
    {
        api.MapGet("/auth/oidc/start", async (string? returnUrl, HttpContext http, OidcSettings settings) =>
            {
                if (!settings.Current.Usable) return Results.Redirect(OidcSignIn.LoginPage(SsoErrors.Disabled));
                var properties = new AuthenticationProperties { RedirectUri = ReturnUrls.Home };
                properties.Items[OidcHandlerSetup.ReturnUrlItem] = ReturnUrls.Local(returnUrl);
                try
                {
                    await http.ChallengeAsync(OidcSettings.Scheme, properties);
                }
                catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectProtocolException)
                {
                    // The provider's discovery document could not be read, or it refused the pushed authorization request
                    // (a wrong client secret shows here): back to the sign-in page, which says so.
                    OidcLog.HandshakeFailed(http.RequestServices.GetRequiredService<ILogger<OidcSignIn>>(), e, e.Message);
                    return Results.Redirect(OidcSignIn.LoginPage(SsoErrors.Failed));
                }
                return Results.Empty;
            })
            .AllowAnonymous().WithTags("Auth")
            .WithSummary("Starts single sign-on: redirects to the identity provider (code flow with PKCE). returnUrl: a local path to come back to; anything else is ignored.");

        api.MapPost("/auth/oidc/exchange", async (OidcExchangeRequest request, HttpContext http, OidcSignIn signIn) =>
                await signIn.ExchangeAsync(request, Actor.Of(http), http.Request.Headers.UserAgent, http.RequestAborted))
            .AllowAnonymous().AddEndpointFilter(AuthApi.LimitByAddress).WithTags("Auth")
            .WithSummary("Exchanges the one-time code from the single sign-on redirect for a session (once, within two minutes); totpCode when the account has a second factor.");

        var admin = api.MapGroup("/admin/sso/oidc").WithTags("Administration");
        admin.MapGet("/", (HttpContext http, OidcSettings settings) => settings.Describe(http))
            .RequirePermission(Contracts.Permissions.SystemManage).WithSummary("Single sign-on (OpenID Connect) settings; the client secret is never returned (system.manage).");
        admin.MapPut("/", async (OidcSettingsRequest request, HttpContext http, OidcSettings settings) =>
            {
                await settings.SaveAsync(request, Actor.Of(http));
                return settings.Describe(http);
            })
            .RequirePermission(Contracts.Permissions.SystemManage)
            .WithSummary("Saves the single sign-on settings; they apply at once on every node. clientSecret null keeps the stored one (system.manage). Recorded as settings.changed.");
        admin.MapPost("/test", async (OidcTestRequest request, OidcConnectionTest test, HttpContext http) => await test.RunAsync(request, http.RequestAborted))
            .RequirePermission(Contracts.Permissions.SystemManage)
            .WithSummary("Tests the connection to an identity provider: reads its discovery document and signing keys and says what failed (system.manage).");
    }
}
