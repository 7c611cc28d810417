namespace Parley.Server.Features.Config;

/// <summary>Composition root of the config feature: it has no services of its own, only the other features' options.</summary>
public static class ConfigExtensions
{
    public static RouteGroupBuilder MapConfig(this RouteGroupBuilder api)
    {
        api.MapGet("/config", ConfigApi.Get)
            .AllowAnonymous()
            .WithTags("Config")
            .WithSummary("Settings the client follows (recall window, limits, features); without a token only the password policy.");
        return api;
    }
}
