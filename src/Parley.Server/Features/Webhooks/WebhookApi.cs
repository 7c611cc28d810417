using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Webhooks;

public static class WebhookApi
{
    public static void MapWebhookApi(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequirePermission(Contracts.Permissions.IntegrationsManage);

        hooks.MapPost("/", async (CreateWebhookRequest request, HttpContext http, WebhookService service) =>
            {
                var created = await service.CreateAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
            })
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Subscribes a URL to events (integrations.manage). The answer carries the whsec_ signing secret, shown only here; a URL on a loopback, private or link-local address is refused (422 target_forbidden) unless listed in Parley:Webhooks:AllowedHosts.");
        hooks.MapGet("/", async (HttpContext http, WebhookService service) => new ListResponse<WebhookDto>(await service.ListAsync(Actor.Of(http))))
            .WithSummary("Every outgoing webhook with its pending and dead delivery counts (integrations.manage).");
        hooks.MapGet("/{id:long}", (long id, HttpContext http, WebhookService service) => service.GetAsync(id, Actor.Of(http)))
            .ProducesProblem(404).WithSummary("One outgoing webhook (integrations.manage).");
        hooks.MapPatch("/{id:long}", (long id, UpdateWebhookRequest request, HttpContext http, WebhookService service) => service.UpdateAsync(id, request, Actor.Of(http)))
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(422)
            .WithSummary("Changes the URL, events, conversations, trigger words or enabled state; fields left out stay (integrations.manage).");
        hooks.MapDelete("/{id:long}", async (long id, HttpContext http, WebhookService service) =>
            {
                await service.DeleteAsync(id, Actor.Of(http));
                return TypedResults.NoContent();
            }).ProducesProblem(404).WithSummary("Deletes the webhook and its delivery log (integrations.manage).");
        hooks.MapGet("/{id:long}/deliveries", async (long id, string? status, long? before, int? limit, HttpContext http, WebhookService service) =>
                new ListResponse<WebhookDeliveryDto>(await service.DeliveriesAsync(id, status, before, limit, Actor.Of(http))))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("The delivery log, newest first; status=dead is the dead-letter list; before= pages (integrations.manage).");
        hooks.MapPost("/{id:long}/deliveries/{deliveryId:long}/replay", (long id, long deliveryId, HttpContext http, WebhookService service) =>
                service.ReplayAsync(id, deliveryId, Actor.Of(http)))
            .ProducesProblem(404).WithSummary("Sends a dead delivery again, with the same webhook-id and a fresh retry window (integrations.manage).");
        hooks.MapPost("/{id:long}/deliveries/replay", (long id, HttpContext http, WebhookService service) => service.ReplayAsync(id, null, Actor.Of(http)))
            .ProducesProblem(404).WithSummary("Sends every dead delivery of the webhook again (integrations.manage).");
    }
}
