using Parley.Server.Platform;

namespace Parley.Server.Features.TwoFactor;

/// <summary>Composition root of TOTP two-factor sign-in: a session policy on every new session.</summary>
public static class TwoFactorExtensions
{
    public static WebApplicationBuilder AddTwoFactor(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TotpStore>();
        builder.Services.AddSingleton<TotpService>();
        builder.Services.AddSessionPolicy<TotpSessionPolicy>();
        return builder;
    }

    public static RouteGroupBuilder MapTwoFactor(this RouteGroupBuilder api)
    {
        api.MapTotpApi();
        return api;
    }
}
