using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Bots;

public static class BotsApi
{
    public static void MapBotsApi(this RouteGroupBuilder api)
    {
        var bots = api.MapGroup("/bots").WithTags("Integrations").RequirePermission(Contracts.Permissions.IntegrationsManage);
        bots.MapGet("/", async (HttpContext http, BotService service) => new ListResponse<BotDto>(await service.ListAsync(Actor.Of(http))))
            .WithSummary("Bot users with their scopes (integrations.manage).");
        bots.MapPost("/", async (CreateBotRequest request, HttpContext http, BotService service) =>
            {
                var created = await service.CreateAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/bots/{created.Id}", created);
            }).WithSummary("Creates a bot user (integrations.manage). Its token is shown once; it is a bearer for the REST API and hub within its scopes.");
        bots.MapPost("/{id:long}/token", async (long id, HttpContext http, BotService service) => await service.RotateTokenAsync(id, Actor.Of(http)))
            .WithSummary("Issues a new token for the bot and revokes the old one at once (integrations.manage). Shown once.");
        bots.MapPut("/{id:long}/scopes", async (long id, SetBotScopesRequest request, HttpContext http, BotService service) =>
                await service.SetScopesAsync(id, request, Actor.Of(http)))
            .WithSummary("Replaces the bot's scopes (integrations.manage).");
        bots.MapPost("/{id:long}/deactivate", async (long id, HttpContext http, BotService service) => await service.SetActiveAsync(id, false, Actor.Of(http)))
            .WithSummary("Deactivates the bot: its token stops working on every node at once (integrations.manage).");
        bots.MapPost("/{id:long}/activate", async (long id, HttpContext http, BotService service) => await service.SetActiveAsync(id, true, Actor.Of(http)))
            .WithSummary("Reactivates the bot; issue a new token with POST /bots/{id}/token (integrations.manage).");
    }
}
