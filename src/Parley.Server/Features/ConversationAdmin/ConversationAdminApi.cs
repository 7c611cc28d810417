using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.ConversationAdmin;

public static class ConversationAdminApi
{
    public static void MapConversationAdminApi(this RouteGroupBuilder api)
    {
        const string manage = Contracts.Permissions.ConversationsManage;
        var c = api.MapGroup("/admin/conversations").WithTags("Conversation administration").RequirePermission(manage);

        c.MapGet("/", async (string? query, string? kind, bool? archived, int? limit, HttpContext http, ConversationAdminService service) =>
                new ListResponse<AdminConversationDto>(await service.SearchAsync(query, kind, archived, limit, Actor.Of(http))))
            .WithSummary("Every conversation (all kinds, archived too) by name, kind and archived state; most recently active first (conversations.manage).");
        c.MapGet("/{id:long}", (long id, HttpContext http, ConversationAdminService service) => service.GetAsync(id, Actor.Of(http)))
            .WithSummary("One conversation as the admin console shows it (conversations.manage).");
        c.MapGet("/{id:long}/members", async (long id, HttpContext http, ConversationAdminService service) =>
                new ListResponse<MemberDto>(await service.MembersAsync(id, Actor.Of(http))))
            .WithSummary("A conversation's members with their roles, whoever asks is not a member (conversations.manage).");
        c.MapPost("/{id:long}/members", async (long id, AddMembersRequest request, HttpContext http, ConversationAdminService service) =>
            {
                await service.AddMembersAsync(id, request.UserIds, Actor.Of(http));
                return TypedResults.NoContent();
            }).WithSummary("Adds members to a group or channel (audited as conversation.member_added_by_admin; conversations.manage).");
        c.MapDelete("/{id:long}/members/{userId:long}", async (long id, long userId, HttpContext http, ConversationAdminService service) =>
            {
                await service.RemoveMemberAsync(id, userId, Actor.Of(http));
                return TypedResults.NoContent();
            }).WithSummary("Removes a member from a group or channel; a group left without owner gets one (conversations.manage).");
        c.MapPost("/{id:long}/archive", (long id, HttpContext http, ConversationAdminService service) => service.SetArchivedAsync(id, true, Actor.Of(http)))
            .WithSummary("Archives a group or channel: read-only for its members (conversations.manage).");
        c.MapPost("/{id:long}/unarchive", (long id, HttpContext http, ConversationAdminService service) => service.SetArchivedAsync(id, false, Actor.Of(http)))
            .WithSummary("Makes an archived group or channel writable again (conversations.manage).");
        c.MapPut("/{id:long}/owner", (long id, TransferOwnershipRequest request, HttpContext http, ConversationAdminService service) =>
                service.TransferOwnershipAsync(id, request.UserId, Actor.Of(http)))
            .WithSummary("Makes a member the owner; the previous owners become admins (conversations.manage).");
        c.MapPut("/{id:long}/default", (long id, SetDefaultChannelRequest request, HttpContext http, ConversationAdminService service) =>
                service.SetDefaultAsync(id, request.AddExistingUsers, Actor.Of(http)))
            .WithSummary("Makes a channel a default one: every user created from now on joins it; addExistingUsers joins everyone now (conversations.manage).");
        c.MapDelete("/{id:long}/default", (long id, HttpContext http, ConversationAdminService service) => service.UnsetDefaultAsync(id, Actor.Of(http)))
            .WithSummary("Stops new users joining the channel; its members stay (conversations.manage).");
        c.MapPut("/{id:long}/department", (long id, LinkDepartmentRequest request, HttpContext http, ConversationAdminService service) =>
                service.LinkDepartmentAsync(id, request, Actor.Of(http)))
            .WithSummary("Links a group to a department: its members follow the department (and sub-departments if asked), synced at once (conversations.manage).");
        c.MapDelete("/{id:long}/department", (long id, HttpContext http, ConversationAdminService service) => service.UnlinkDepartmentAsync(id, Actor.Of(http)))
            .WithSummary("Unlinks a group from its department; its members stay (conversations.manage).");

        api.MapPost("/admin/department-groups", async (CreateDepartmentGroupRequest request, HttpContext http, ConversationAdminService service) =>
            {
                var created = await service.CreateDepartmentGroupAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/admin/conversations/{created.Id}", created);
            }).RequirePermission(manage).WithTags("Conversation administration")
            .WithSummary("Creates a group owned by the caller whose membership follows the department (conversations.manage).");
    }
}
