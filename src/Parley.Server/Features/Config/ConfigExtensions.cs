using Parley.Server.Features.Config;

// RouteGroupBuilder's own namespace, so the composition (Hosting/ParleyServer.cs) maps the feature with one line and no
// using directive: that file is being restructured, and this feature needs nothing else from it (no services).
namespace Microsoft.AspNetCore.Routing;

/// <summary>Composition root of the config feature: it has no services of its own, only the other features' options.</summary>
public static class ConfigExtensions
{
    public static void MapConfigApi(this RouteGroupBuilder api) =>
        api.MapGet("/config", ConfigApi.Get)
            .AllowAnonymous()
            .WithTags("Config")
            .WithSummary("Settings the client follows (recall window, limits, features); without a token only the password policy.");
}
