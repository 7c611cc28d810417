using Parley.Server.Platform;

namespace Parley.Server.Features.Bundles;

/// <summary>Composition root of merge-forward: the store, the service, the erase step and the routes.</summary>
public static class BundlesExtensions
{
    public static WebApplicationBuilder AddBundles(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<BundleStore>();
        services.AddSingleton<BundleService>();
        services.AddMessageWriteStep<BundleEraseStep>();
        return builder;
    }

    public static RouteGroupBuilder MapBundles(this RouteGroupBuilder api)
    {
        api.MapBundlesApi();
        return api;
    }
}
