namespace Parley.Server.Features.Security;

/// <summary>Composition root of the security policy (two-factor requirement) and account restrictions.</summary>
public static class SecurityExtensions
{
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SettingsStore>();
        builder.Services.AddSingleton<SecurityPolicy>();
        builder.Services.AddSingleton<AccountRestrictions>();
        return builder;
    }

    public static RouteGroupBuilder MapSecurity(this RouteGroupBuilder api)
    {
        api.MapSecurityApi();
        return api;
    }
}
