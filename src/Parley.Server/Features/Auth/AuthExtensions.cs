using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Auth;

/// <summary>Composition root of sign-in and sessions: bearer tokens, the password identity provider, the login throttle.</summary>
public static class AuthExtensions
{
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionCache>();
        services.AddSingleton<SessionActivity>();
        services.AddSingleton<HubTickets>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<LoginFailureAudit>();
        services.AddSingleton<AuthService>();
        services.AddIdentityProvider<PasswordIdentityProvider>();
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();
        return builder;
    }

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        api.MapAuthApi();
        return api;
    }
}
