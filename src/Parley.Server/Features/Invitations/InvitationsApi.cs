using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Invitations;

public static class InvitationsApi
{
    public static void MapInvitationsApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/invitations").WithTags("Invitations");
        admin.MapGet("/", async (HttpContext http, InvitationService service) => new ListResponse<InvitationDto>(await service.ListAsync(Actor.Of(http))))
            .RequirePermission(Contracts.Permissions.UsersManage).WithSummary("The newest 200 invitations with their status (users.manage).");
        admin.MapPost("/", async (CreateInvitationRequest request, HttpContext http, InvitationService service) =>
            {
                var created = await service.CreateAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/admin/invitations/{created.Invitation.Id}", created);
            }).RequirePermission(Contracts.Permissions.UsersManage)
            .WithSummary("Creates an invitation link (users.manage; roles need roles.manage). The token is shown once; only its hash is kept.");
        admin.MapDelete("/{id:long}", async (long id, HttpContext http, InvitationService service) =>
            {
                await service.RevokeAsync(id, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Contracts.Permissions.UsersManage).WithSummary("Revokes an invitation: its link stops working at once (users.manage).");

        var open = api.MapGroup("/invitations").WithTags("Invitations");
        open.MapGet("/{token}", async (string token, InvitationService service) => await service.PreviewAsync(token))
            .AllowAnonymous().AddEndpointFilter(AuthApi.LimitByAddress)
            .WithSummary("What an invitation link prefills (anonymous; rate-limited with sign-in, per address). Unknown, expired, used and revoked links all answer 404 invitation_not_found.");
        open.MapPost("/{token}/accept", async (string token, AcceptInvitationRequest request, HttpContext http, InvitationService service) =>
                TypedResults.Created("/api/v1/users/me", await service.AcceptAsync(token, request, Actor.Of(http), http.Request.Headers.UserAgent)))
            .AllowAnonymous().AddEndpointFilter(AuthApi.LimitByAddress)
            .WithSummary("Accepts an invitation: creates the account (password policy applies; 409 if the username is taken) and signs in. Anonymous, rate-limited.");
    }
}
