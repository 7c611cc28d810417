using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Service;

public static class ServiceApi
{
    private const string Manage = Contracts.Permissions.ServiceManage, Agent = Contracts.Permissions.ServiceAgent;

    public static void MapServiceApi(this RouteGroupBuilder api)
    {
        var service = api.MapGroup("/service").WithTags("Customer service");

        // Set-up (service.manage).
        service.MapGet("/widgets", async (HttpContext http, ServiceSetup setup) => new ListResponse<ServiceWidgetDto>(await setup.ListWidgetsAsync(Actor.Of(http))))
            .RequirePermission(Manage).WithSummary("Chat widgets (service.manage); identitySecret is null here (shown once, at creation).");
        service.MapPost("/widgets", async (SaveServiceWidgetRequest request, HttpContext http, ServiceSetup setup) =>
            {
                var widget = await setup.CreateWidgetAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/service/widgets/{widget.Id}", widget);
            }).RequirePermission(Manage)
            .WithSummary("Creates a chat widget with its service bot (service.manage). Without queueId the first queue is used (\"Default\" is created when there is none). identitySecret is shown once.");
        service.MapPatch("/widgets/{id:long}", async (long id, SaveServiceWidgetRequest request, HttpContext http, ServiceSetup setup) =>
                await setup.UpdateWidgetAsync(id, request, Actor.Of(http)))
            .RequirePermission(Manage).WithSummary("Changes the given fields of a widget (service.manage); an empty string clears color, greeting, greetingZh or logoUrl, [] clears requiredSkills; 400 service_skill_invalid for a bad skill tag.");
        service.MapDelete("/widgets/{id:long}", async (long id, HttpContext http, ServiceSetup setup) =>
            {
                await setup.DeleteWidgetAsync(id, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Manage).WithSummary("Removes a widget (service.manage): no new chats start on it; its conversations stay.");
        service.MapGet("/widgets/{id:long}/public", async (long id, HttpContext http, VisitorService visitors) =>
            {
                string? origin = http.Request.Headers.Origin;
                var widget = await visitors.PublicWidgetAsync(id, origin, SelfOrigin(http), http.Connection.RemoteIpAddress?.ToString());
                // The widget script reads this from the host page: let listed origins (any, when none is listed) read it.
                if (!string.IsNullOrEmpty(origin) && await visitors.WidgetAsync(id) is { } row && VisitorService.MayRead(row, origin))
                {
                    http.Response.Headers.AccessControlAllowOrigin = origin;
                    http.Response.Headers.Vary = "Origin";
                }
                return widget;
            }).AllowAnonymous()
            .WithSummary("A widget's name, colour, greeting and logo for the widget script and the visitor page. Anonymous, rate-limited per address; 403 origin_not_allowed from an unlisted origin.");

        service.MapPost("/queues", async (CreateServiceQueueRequest request, HttpContext http, ServiceSetup setup) =>
            {
                var queue = await setup.CreateQueueAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/service/queues/{queue.Id}", queue);
            }).RequirePermission(Manage).WithSummary("Creates a queue with its routing, round_robin or least_busy (service.manage).");
        service.MapPut("/queues/{id:long}/agents/{userId:long}", async (long id, long userId, SetServiceAgentRequest request, HttpContext http, ServiceSetup setup, ServiceDesk desk) =>
            {
                var actor = Actor.Of(http);
                await setup.SetAgentAsync(id, userId, request, actor);
                return (await desk.QueuesAsync(actor)).Single(q => q.Id == id);
            }).RequirePermission(Manage).WithSummary("Makes a user an agent of the queue, or changes their capacity (open conversations at once, 1–100) and skills (null keeps them, [] clears them; 400 service_skill_invalid for a bad tag) (service.manage). Give them the service_agent role too.");
        service.MapDelete("/queues/{id:long}/agents/{userId:long}", async (long id, long userId, HttpContext http, ServiceSetup setup) =>
            {
                await setup.RemoveAgentAsync(id, userId, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Manage).WithSummary("Takes an agent out of the queue (service.manage).");

        service.MapGet("/canned-replies", async (HttpContext http, ServiceSetup setup) => new ListResponse<ServiceCannedReplyDto>(await setup.CannedRepliesAsync(Actor.Of(http))))
            .RequirePermission(Agent).WithSummary("Canned replies with their shortcuts (service.agent).");
        service.MapPost("/canned-replies", async (CreateServiceCannedReplyRequest request, HttpContext http, ServiceSetup setup) =>
            {
                var reply = await setup.CreateCannedReplyAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/service/canned-replies/{reply.Id}", reply);
            }).RequirePermission(Manage).WithSummary("Adds a canned reply (service.manage); 409 when the shortcut exists.");
        service.MapDelete("/canned-replies/{id:long}", async (long id, HttpContext http, ServiceSetup setup) =>
            {
                await setup.DeleteCannedReplyAsync(id, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Manage).WithSummary("Removes a canned reply (service.manage).");

        // The agents' work (service.agent).
        service.MapGet("/queues", async (HttpContext http, ServiceDesk desk) => new ListResponse<ServiceQueueDto>(await desk.QueuesAsync(Actor.Of(http))))
            .RequirePermission(Agent).WithSummary("The caller's queues (every queue for service.manage) with live counts, the longest wait and the agents' load (service.agent).");
        service.MapGet("/conversations", async (string? state, bool? mine, HttpContext http, ServiceDesk desk) =>
                new ListResponse<ServiceConversationDto>(await desk.ConversationsAsync(Actor.Of(http), state, mine ?? false)))
            .RequirePermission(Agent).WithSummary("Service conversations of the caller's queues, newest first (at most 200); state filters, mine=true: those the caller holds or is offered (service.agent).");
        service.MapGet("/conversations/{id:long}", async (long id, HttpContext http, ServiceDesk desk) => await desk.GetAsync(Actor.Of(http), id))
            .RequirePermission(Agent).WithSummary("One service conversation (agents of its queue, its agent; 404 for others) (service.agent).");
        service.MapPost("/conversations/{id:long}/accept", async (long id, HttpContext http, ServiceDesk desk) => await desk.AcceptAsync(Actor.Of(http), id))
            .RequirePermission(Agent).WithSummary("Takes a waiting conversation: the caller joins it; 409 service_already_assigned when another agent was first (service.agent).");
        service.MapPost("/conversations/{id:long}/transfer", async (long id, TransferServiceConversationRequest request, HttpContext http, ServiceDesk desk) =>
                await desk.TransferAsync(Actor.Of(http), id, request))
            .RequirePermission(Agent).WithSummary("Hands the conversation to another agent of its queue (offered to them) or to another queue (waiting there); the caller leaves when it is accepted (service.agent).");
        service.MapPost("/conversations/{id:long}/close", async (long id, CloseServiceConversationRequest request, HttpContext http, ServiceDesk desk) =>
                await desk.CloseAsync(Actor.Of(http), id, request))
            .RequirePermission(Agent).WithSummary("Closes the conversation with an optional summary; the visitor is asked to rate it (service.agent).");
        service.MapGet("/conversations/{id:long}/notes", async (long id, HttpContext http, ServiceDesk desk) => new ListResponse<ServiceNoteDto>(await desk.NotesAsync(Actor.Of(http), id)))
            .RequirePermission(Agent).WithSummary("Internal notes on a conversation: agents only, never in its messages (service.agent).");
        service.MapPost("/conversations/{id:long}/notes", async (long id, CreateServiceNoteRequest request, HttpContext http, ServiceDesk desk) =>
                new ListResponse<ServiceNoteDto>(await desk.AddNoteAsync(Actor.Of(http), id, request)))
            .RequirePermission(Agent).WithSummary("Adds an internal note; answers every note of the conversation (service.agent).");
        service.MapGet("/stats", async (HttpContext http, ServiceDesk desk) => await desk.StatsAsync(Actor.Of(http)))
            .RequirePermission(Agent).WithSummary("Live counts, today's closed conversations and average wait, and satisfaction (CSAT) over the caller's queues (service.agent).");

        // The visitor's guest token (limited to its conversation by EmbedScopeGuard).
        service.MapPost("/conversations/{id:long}/handoff", async (long id, HttpContext http, VisitorService visitors) => await visitors.HandOffAsync(Actor.Of(http), id))
            .WithSummary("The visitor asks for a person: from bot to waiting (other states: unchanged). The visitor's own conversation only.");
        service.MapPost("/conversations/{id:long}/rating", async (long id, ServiceRatingRequest request, HttpContext http, VisitorService visitors) =>
            {
                await visitors.RateAsync(Actor.Of(http), id, request);
                return TypedResults.Ok();
            }).WithSummary("The visitor rates a closed conversation once: score 1–5, optional comment; 409 service_not_closed / service_already_rated.");
        service.MapGet("/conversations/{id:long}/visitor-state", async (long id, HttpContext http, VisitorService visitors) => await visitors.StateAsync(Actor.Of(http), id))
            .WithSummary("What the widget shows: the state, whether it was rated, the agent's name.");

        api.MapPost("/visitor/sessions", async (CreateVisitorSessionRequest request, HttpContext http, VisitorService visitors) =>
            {
                var session = await visitors.StartAsync(request, Actor.Of(http), http.Request.Headers.Origin, SelfOrigin(http),
                    http.Request.Headers.UserAgent, http.Request.Headers.AcceptLanguage);
                return TypedResults.Created($"/api/v1/conversations/{session.ConversationId}", session);
            }).AllowAnonymous().WithTags("Customer service")
            .Produces<VisitorChallengeProblem>(StatusCodes.Status428PreconditionRequired, "application/problem+json")
            .WithSummary("A website visitor starts a chat on a widget: a guest token for that one conversation (30 days). Anonymous; rate-limited per address and per widget; "
                + "403 origin_not_allowed from an unlisted origin; identityToken (HS256 JWT with the widget's identity secret) or 401 visitor_identity_invalid. "
                + "Under load 428 visitor_challenge_required with a proof-of-work challenge: send again with challengeToken and challengeNonce (403 visitor_challenge_invalid when wrong, expired or used).");
    }

    private static string SelfOrigin(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
}
