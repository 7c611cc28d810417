using Microsoft.AspNetCore.SignalR;

namespace Parley.Server.Features.Bots;

/// <summary>Composition root of bots: their store and service, and the scope gate on REST (middleware) and the hub (filter).</summary>
public static class BotsExtensions
{
    public static WebApplicationBuilder AddBots(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BotStore>();
        builder.Services.AddSingleton<BotService>();
        builder.Services.AddSingleton<BotHubScopes>();
        // After HubGuard (registered by AddRealtime), so a refusal here reaches the client as a hub error with its code.
        builder.Services.Configure<HubOptions>(o => o.AddFilter<BotHubScopes>());
        return builder;
    }

    public static RouteGroupBuilder MapBots(this RouteGroupBuilder api)
    {
        api.MapBotsApi();
        return api;
    }
}
