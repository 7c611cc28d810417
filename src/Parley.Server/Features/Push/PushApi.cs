using Parley.Contracts;
using Parley.Server.Features.Auth;

namespace Parley.Server.Features.Push;

public static class PushApi
{
    public static void MapPushApi(this RouteGroupBuilder api)
    {
        var push = api.MapGroup("/push").WithTags("Push notifications");

        push.MapGet("/vapid-public-key", (PushService service) => new VapidPublicKeyDto(service.PublicKey))
            .WithSummary("The server's VAPID public key: pass it as applicationServerKey to pushManager.subscribe.");

        push.MapGet("/subscriptions", async (HttpContext http, PushService service) =>
                new ListResponse<PushSubscriptionDto>(await service.ListAsync(CurrentUser.Id(http.User))))
            .WithSummary("The caller's devices that receive push notifications.");

        push.MapPost("/subscriptions", async (PushSubscriptionRequest request, HttpContext http, PushService service) =>
            {
                var (subscription, created) = await service.SubscribeAsync(CurrentUser.Id(http.User), CurrentUser.SessionId(http.User), request, http.Request.Headers.UserAgent);
                return created
                    ? Results.Created($"/api/v1/push/subscriptions/{subscription.Id}", subscription)
                    : Results.Ok(subscription);
            })
            .Produces<PushSubscriptionDto>(201).Produces<PushSubscriptionDto>(200)
            .ProducesProblem(400).ProducesProblem(409)
            .WithSummary("Registers this browser's PushSubscription (toJSON) for the caller and this session: 201 when new, 200 when the endpoint was known (updated). Pushes stop when the session ends.");

        push.MapDelete("/subscriptions/{id:long}", async (long id, HttpContext http, PushService service) =>
            {
                await service.UnsubscribeAsync(CurrentUser.Id(http.User), id);
                return TypedResults.NoContent();
            })
            .ProducesProblem(404)
            .WithSummary("Removes one of the caller's devices (404 for any other id).");

        push.MapGet("/settings", async (HttpContext http, PushService service) => await service.SettingsAsync(CurrentUser.Id(http.User)))
            .WithSummary("The caller's do-not-disturb and preview settings, with the server's preview limit.");

        push.MapPut("/settings", async (PushSettingsRequest request, HttpContext http, PushService service) =>
                await service.SaveSettingsAsync(CurrentUser.Id(http.User), request))
            .ProducesProblem(400)
            .WithSummary("Saves quiet hours (HH:mm in an IANA time zone), a pause until a moment, and whether pushes hide the message text.");
    }
}
