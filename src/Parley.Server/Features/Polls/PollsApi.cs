using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;

namespace Parley.Server.Features.Polls;

public static class PollsApi
{
    public static void MapPollsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations/{id:long}/polls", async (long id, CreatePollRequest request, HttpContext http, PollService service) =>
            {
                var m = await service.CreateAsync(CurrentUser.Id(http.User), id, request);
                return TypedResults.Created($"/api/v1/polls/{m.Poll!.Id}", m);
            }).WithTags("Polls")
            .WithSummary("Posts a poll or a sign-up chain (接龙) as a message; the message (201) carries the poll. Idempotent by clientMsgId.");

        var polls = api.MapGroup("/polls").WithTags("Polls");
        polls.MapGet("/mine", async (string? ids, HttpContext http, PollService service) =>
                new ListResponse<MyPollStateDto>(await service.MineAsync(CurrentUser.Id(http.User), QueryIds.Parse(ids, "ids", 200))))
            .WithSummary("The caller's own votes and sign-ups in these polls (ids: comma-separated, at most 200); polls the caller cannot see are left out.");
        polls.MapGet("/{id:long}", (long id, HttpContext http, PollService service) => service.GetAsync(CurrentUser.Id(http.User), id))
            .WithSummary("A poll's full results (voters per option unless anonymous, every sign-up) with the caller's own choice.");
        polls.MapPut("/{id:long}/vote", (long id, VoteRequest request, HttpContext http, PollService service) =>
                service.VoteAsync(CurrentUser.Id(http.User), id, request.OptionIds))
            .WithSummary("Replaces the caller's vote (empty removes it; a single-choice poll takes one option). 409 poll_closed once closed.");
        polls.MapPost("/{id:long}/signups", async (long id, SignupRequest request, HttpContext http, PollService service) =>
                TypedResults.Created($"/api/v1/polls/{id}", await service.SignUpAsync(CurrentUser.Id(http.User), id, request.Text, edit: false)))
            .WithSummary("Adds the caller to a sign-up chain (one entry each; 409 when already in it).");
        polls.MapPut("/{id:long}/signups/me", (long id, SignupRequest request, HttpContext http, PollService service) =>
                service.SignUpAsync(CurrentUser.Id(http.User), id, request.Text, edit: true))
            .WithSummary("Edits the caller's entry; it keeps its place in the chain.");
        polls.MapDelete("/{id:long}/signups/me", (long id, HttpContext http, PollService service) => service.RemoveSignupAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Removes the caller's entry; later entries move up.");
        polls.MapPost("/{id:long}/close", (long id, HttpContext http, PollService service) => service.CloseAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Closes the poll (its creator, or the conversation's owners and admins).");
    }
}
