using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;

namespace Parley.Server.Features.Conversations;

public static class ConversationsApi
{
    public static void MapConversationsApi(this RouteGroupBuilder api)
    {
        var c = api.MapGroup("/conversations").WithTags("Conversations");

        c.MapPost("/", async (CreateConversationRequest request, HttpContext http, ConversationService service) =>
            {
                var dto = await service.CreateAsync(CurrentUser.Id(http.User), request);
                return TypedResults.Created($"/api/v1/conversations/{dto.Id}", dto);
            }).WithSummary("Creates a direct conversation (returns the existing one for the pair), a private group or a public channel.");

        c.MapGet("/", async (HttpContext http, ConversationService service) => new ListResponse<ConversationDto>(await service.ListAsync(CurrentUser.Id(http.User))))
            .WithSummary("The caller's conversations, most recently active first, with lastSeq, readSeq, unreadCount and mentionCount.");

        c.MapGet("/{id:long}", (long id, HttpContext http, ConversationService service) => service.GetAsync(CurrentUser.Id(http.User), id))
            .WithSummary("One conversation; 404 for groups and directs the caller is not in.");

        c.MapPatch("/{id:long}", (long id, UpdateConversationRequest request, HttpContext http, ConversationService service) =>
                service.UpdateAsync(CurrentUser.Id(http.User), id, request))
            .WithSummary("Renames, sets topic or announcement, archives (owners and admins).");

        c.MapGet("/{id:long}/members", async (long id, HttpContext http, ConversationService service) =>
                new ListResponse<MemberDto>(await service.MembersAsync(CurrentUser.Id(http.User), id)))
            .WithSummary("Members with roles and read positions.");

        c.MapPost("/{id:long}/members", async (long id, AddMembersRequest request, HttpContext http, ConversationService service) =>
            {
                await service.AddMembersAsync(CurrentUser.Id(http.User), id, request.UserIds);
                return TypedResults.NoContent();
            }).WithSummary("Adds members (groups: owners and admins; channels: any member).");

        c.MapDelete("/{id:long}/members/{userId:long}", async (long id, long userId, HttpContext http, ConversationService service) =>
            {
                await service.RemoveMemberAsync(CurrentUser.Id(http.User), id, userId);
                return TypedResults.NoContent();
            }).WithSummary("Removes a member (owners and admins), or leaves when userId is the caller.");

        c.MapPut("/{id:long}/members/{userId:long}/role", async (long id, long userId, SetRoleRequest request, HttpContext http, ConversationService service) =>
            {
                await service.SetRoleAsync(CurrentUser.Id(http.User), id, userId, request.Role);
                return TypedResults.NoContent();
            }).WithSummary("Sets a member's role: owner, admin or member (owners only).");

        c.MapPost("/{id:long}/join", async (long id, HttpContext http, ConversationService service) =>
            {
                await service.JoinAsync(CurrentUser.Id(http.User), id);
                return await service.GetAsync(CurrentUser.Id(http.User), id);
            }).WithSummary("Joins a public channel.");

        c.MapPost("/{id:long}/leave", async (long id, HttpContext http, ConversationService service) =>
            {
                await service.LeaveAsync(CurrentUser.Id(http.User), id);
                return TypedResults.NoContent();
            }).WithSummary("Leaves a group or channel.");

        c.MapPut("/{id:long}/watermark", async (long id, SetWatermarkRequest request, HttpContext http, ConversationService service) =>
            {
                await service.SetWatermarkAsync(Actor.Of(http), id, request.Enabled);
                return TypedResults.NoContent();
            }).WithSummary("Turns the watermark over this conversation on or off for everyone in it (owners and admins, or compliance.manage); 404 for non-members, 403 for other members.");

        c.MapPut("/{id:long}/mute", async (long id, MuteRequest request, HttpContext http, ConversationService service) =>
            {
                await service.SetMutedAsync(CurrentUser.Id(http.User), id, request.Muted);
                return TypedResults.NoContent();
            }).WithSummary("Mutes or unmutes the conversation for the caller.");

        c.MapPost("/{id:long}/read", async (long id, MarkReadRequest request, HttpContext http, ConversationService service) =>
            {
                await service.MarkReadAsync(CurrentUser.Id(http.User), id, request.Seq);
                return TypedResults.NoContent();
            }).WithSummary("Advances the caller's readSeq (never lowers it).");

        api.MapGet("/channels", async (string? query, int? limit, HttpContext http, ConversationService service) =>
                new ListResponse<ConversationDto>(await service.BrowseChannelsAsync(CurrentUser.Id(http.User), query, limit)))
            .WithTags("Conversations").WithSummary("Public channels to browse and join.");

        api.MapGet("/sync", (long? since, HttpContext http, ConversationService service) =>
                service.SyncAsync(CurrentUser.Id(http.User), Common.Paging.Cursor(since, "since")))
            .WithTags("Sync").WithSummary("Conversations changed since the cursor, and those the caller left; returns the next cursor.");
    }
}
