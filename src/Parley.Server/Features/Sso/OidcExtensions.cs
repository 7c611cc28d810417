using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Parley.Server.Platform;

namespace Parley.Server.Features.Sso;

/// <summary>
/// Composition root of single sign-on (OpenID Connect): the handler's scheme (its options rebuilt from
/// <see cref="OidcSettings"/>), a cookie scheme the handler names as its sign-in scheme but never reaches (the ticket
/// is turned into a one-time code in <see cref="OidcHandlerSetup"/>), and the per-node reload of the settings.
/// </summary>
public static class OidcExtensions
{
    public const string HandshakeScheme = "ParleyOidcHandshake";

    public static WebApplicationBuilder AddSso(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OidcOptions>().Bind(builder.Configuration.GetSection(OidcOptions.Section));
        services.AddSingleton<OidcSettings>();
        services.AddSingleton<OidcSignIn>();
        services.AddSingleton<OidcConnectionTest>();
        services.AddHttpClient(OidcConnectionTest.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigureHttpClient(c => c.MaxResponseContentBufferSize = 1024 * 1024);
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, OidcHandlerSetup>();
        services.AddHostedService<OidcSettingsLoader>();
        services.AddEventSubscriber<OidcSettingsFromLog>();
        services.AddAuthentication()
            .AddCookie(HandshakeScheme, o =>
            {
                o.Cookie.Name = "parley.sso";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                o.Cookie.SameSite = SameSiteMode.Lax;
            })
            .AddOpenIdConnect(OidcSettings.Scheme, _ => { });
        return builder;
    }

    public static RouteGroupBuilder MapSso(this RouteGroupBuilder api)
    {
        api.MapSsoApi();
        return api;
    }

    /// <summary>Loads the saved settings before the server takes requests.</summary>
    private sealed class OidcSettingsLoader(OidcSettings settings) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => settings.ReloadAsync();
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
