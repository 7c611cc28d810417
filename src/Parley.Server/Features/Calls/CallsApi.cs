using Parley.Contracts;
using Parley.Server.Features.Auth;

namespace Parley.Server.Features.Calls;

public static class CallsApi
{
    public static void MapCallsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations/{id:long}/calls", async (long id, StartCallRequest request, HttpContext http, CallService service) =>
            {
                var call = await service.StartAsync(CurrentUser.Id(http.User), id, request);
                return TypedResults.Created($"/api/v1/calls/{call.Id}", call);
            })
            .WithTags("Calls")
            .WithSummary("Starts a call in the conversation and rings its other members (members only: 404 otherwise). 409 call_already_running names the running call (callId): join it instead.");

        api.MapGet("/conversations/{id:long}/calls", async (long id, HttpContext http, CallService service) =>
                new ListResponse<CallDto>(await service.RecentAsync(CurrentUser.Id(http.User), id)))
            .WithTags("Calls")
            .WithSummary("The conversation's latest 50 calls, newest first: the call records shown in the message list (members only).");

        var calls = api.MapGroup("/calls").WithTags("Calls");
        calls.MapGet("/ice-servers", (HttpContext http, IceServers ice) => ice.For(CurrentUser.Id(http.User)))
            .WithSummary("STUN and TURN servers for the caller's peer connections; TURN credentials are the caller's own and expire after ttlSeconds.");
        calls.MapGet("/", async (HttpContext http, CallService service) => new ListResponse<CallDto>(await service.RunningAsync(CurrentUser.Id(http.User))))
            .WithSummary("Running calls in the caller's conversations (the header's join button, the call bar after a reload).");
        calls.MapGet("/{id:long}", (long id, HttpContext http, CallService service) => service.GetAsync(CurrentUser.Id(http.User), id))
            .WithSummary("A call of one of the caller's conversations (404 otherwise).");
        calls.MapPost("/{id:long}/join", (long id, HttpContext http, CallService service) => service.JoinAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Answers or joins the call (idempotent); for an SFU call the answer carries the caller's SFU grant (sfu), otherwise sfu is null.");
        calls.MapPost("/{id:long}/leave", (long id, HttpContext http, CallService service) => service.LeaveAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Hangs up. The last participant out ends the call (in a direct conversation either one does), which logs call.ended.");
        calls.MapPost("/{id:long}/decline", (long id, HttpContext http, CallService service) => service.DeclineAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Declines a ringing call; every tab of the caller's stops ringing. When nobody else rings or answered, the call ends as declined.");
    }
}
