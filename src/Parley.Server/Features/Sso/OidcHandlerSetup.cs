using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Parley.Contracts;

namespace Parley.Server.Features.Sso;

/// <summary>
/// Builds the OpenID Connect handler's options from the settings in force (<see cref="OidcSettings.Current"/>), each
/// time they are dropped from the options cache. The handler does the protocol: authorization code with PKCE, state
/// and nonce in short-lived correlation cookies, ID token validation against the provider's keys. Its events hand the
/// result to <see cref="OidcSignIn"/> and answer every outcome with a redirect to the web client, never a cookie
/// session: Parley's sessions are its own bearer tokens.
/// </summary>
public sealed class OidcHandlerSetup(OidcSettings settings) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public const string ReturnUrlItem = "parley.returnUrl";

    public void Configure(OpenIdConnectOptions options) { }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != OidcSettings.Scheme) return;
        var o = settings.Current;
        options.SignInScheme = OidcExtensions.HandshakeScheme;
        options.CallbackPath = OidcSettings.CallbackPath;
        // Placeholders while switched off: the start endpoint refuses before the handler runs, and options must validate.
        options.Authority = o.Authority ?? "https://sso.invalid/";
        options.ClientId = o.ClientId ?? "unset";
        options.ClientSecret = o.ClientSecret;
        options.RequireHttpsMetadata = o.RequireHttpsMetadata;
        options.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back in the query of a top-level GET, so the correlation cookies can be SameSite=Lax; a
        // form_post would be a cross-site POST, which Lax cookies do not follow.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.MapInboundClaims = false;
        options.Scope.Clear();
        foreach (var scope in o.Scopes) options.Scope.Add(scope);
        options.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        options.Events = new OpenIdConnectEvents
        {
            OnTicketReceived = async context =>
            {
                var returnUrl = context.Properties?.Items.TryGetValue(ReturnUrlItem, out var r) == true ? r : null;
                var signIn = context.HttpContext.RequestServices.GetRequiredService<OidcSignIn>();
                context.Response.Redirect(await signIn.CompleteAsync(context.Principal!, returnUrl, context.HttpContext));
                context.HandleResponse();
            },
            OnAccessDenied = context =>
            {
                context.Response.Redirect(OidcSignIn.LoginPage(SsoErrors.AccessDenied));
                context.HandleResponse();
                return Task.CompletedTask;
            },
            OnRemoteFailure = context =>
            {
                var error = context.Failure?.Message.Contains("access_denied", StringComparison.Ordinal) == true ? SsoErrors.AccessDenied : SsoErrors.Failed;
                OidcLog.HandshakeFailed(context.HttpContext.RequestServices.GetRequiredService<ILogger<OidcSignIn>>(), context.Failure, context.Failure?.Message);
                context.Response.Redirect(OidcSignIn.LoginPage(error));
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }
}
