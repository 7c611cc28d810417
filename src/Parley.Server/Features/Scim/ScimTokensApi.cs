using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Scim;

public static class ScimTokensApi
{
    public static void MapScimTokensApi(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/admin/scim-tokens").WithTags("Provisioning");
        tokens.MapGet("/", async (HttpContext http, ScimTokenService service) => new ListResponse<ScimTokenDto>(await service.ListAsync(Actor.Of(http))))
            .RequirePermission(Contracts.Permissions.UsersManage).WithSummary("SCIM provisioning tokens with their last use (users.manage).");
        tokens.MapPost("/", async (CreateScimTokenRequest request, HttpContext http, ScimTokenService service) =>
            {
                var created = await service.CreateAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/admin/scim-tokens/{created.Token.Id}", created);
            }).RequirePermission(Contracts.Permissions.UsersManage)
            .WithSummary("Creates a SCIM token (users.manage). The secret is shown once and works on /scim/v2 only.");
        tokens.MapDelete("/{id:long}", async (long id, HttpContext http, ScimTokenService service) =>
            {
                await service.RevokeAsync(id, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Contracts.Permissions.UsersManage).WithSummary("Revokes a SCIM token: it stops working at once (users.manage).");
    }
}
