using Parley.Contracts;
using Parley.Server.Features.Auth;

namespace Parley.Server.Features.Urgent;

public static class UrgentApi
{
    public static void MapUrgentApi(this RouteGroupBuilder api)
    {
        var msg = api.MapGroup("/messages/{id:long}/urgent").WithTags("Urgent");
        msg.MapGet("/", (long id, HttpContext http, UrgentService service) => service.GetAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Who was asked to acknowledge the message and when they did: everyone for the sender and the conversation's managers, the caller's own row for other members.");
        msg.MapPost("/", (long id, MarkUrgentRequest request, HttpContext http, UrgentService service) =>
                service.MarkAsync(CurrentUser.Id(http.User), id, request.UserIds))
            .WithSummary("Makes the caller's message urgent for more members (sender only; members other than the sender; rate-limited).");
        msg.MapPost("/ack", (long id, HttpContext http, UrgentService service) => service.AcknowledgeAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Acknowledges an urgent message (idempotent); 409 urgent_not_requested when the caller was not asked.");

        api.MapGet("/urgent/pending", async (HttpContext http, UrgentService service) =>
                new ListResponse<PendingUrgentDto>(await service.PendingAsync(CurrentUser.Id(http.User))))
            .WithTags("Urgent")
            .WithSummary("The caller's unacknowledged urgent messages, newest first (at most 100): the banner's start-up state.");
    }
}
