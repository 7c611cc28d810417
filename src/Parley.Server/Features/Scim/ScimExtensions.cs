using Microsoft.AspNetCore.Authentication;

namespace Parley.Server.Features.Scim;

/// <summary>Composition root of SCIM provisioning: its own authentication scheme and policy, tokens, the /scim/v2 endpoints.</summary>
public static class ScimExtensions
{
    public static WebApplicationBuilder AddScim(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ScimOptions>().Bind(builder.Configuration.GetSection(ScimOptions.Section))
            .Validate(o => o.RequestsPerMinute > 0 && o.MaxBodyBytes is > 0 and <= (int)Hosting.ParleyServer.MaxJsonBody && o.MaxPageSize is > 0 and <= 1000,
                "Parley:Scim: RequestsPerMinute > 0, MaxBodyBytes 1..262144, MaxPageSize 1..1000.")
            .ValidateOnStart();
        services.AddSingleton<ScimTokenStore>();
        services.AddSingleton<ScimTokenService>();
        services.AddSingleton<ScimStore>();
        services.AddSingleton<ScimUsers>();
        services.AddSingleton<ScimGroups>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ScimAuthenticationHandler>(ScimAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ScimAuthenticationHandler.PolicyName, p => p
            .AddAuthenticationSchemes(ScimAuthenticationHandler.SchemeName)
            .RequireClaim(ScimAuthenticationHandler.TokenIdClaim));
        return builder;
    }

    public static RouteGroupBuilder MapScimTokens(this RouteGroupBuilder api)
    {
        api.MapScimTokensApi();
        return api;
    }
}
