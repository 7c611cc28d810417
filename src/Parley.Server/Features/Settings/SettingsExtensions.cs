using Parley.Server.Platform;

namespace Parley.Server.Features.Settings;

/// <summary>
/// Composition root of runtime settings. The overlay is added to the configuration here, after every other source,
/// so a stored value overrides appsettings and the environment.
/// </summary>
public static class SettingsExtensions
{
    public static WebApplicationBuilder AddRuntimeSettings(this WebApplicationBuilder builder)
    {
        var overlay = new SettingsOverlay();
        ((IConfigurationBuilder)builder.Configuration).Add(overlay);
        var services = builder.Services;
        services.AddSingleton(overlay);
        services.AddSingleton<RuntimeSettings>();
        services.AddHostedService<SettingsLoader>();
        services.AddEventSubscriber<SettingChangesFromLog>();
        return builder;
    }

    public static RouteGroupBuilder MapRuntimeSettings(this RouteGroupBuilder api)
    {
        api.MapSettingsApi();
        return api;
    }
}
