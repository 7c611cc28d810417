using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Users;

public static class UsersApi
{
    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");

        users.MapGet("/me", async (HttpContext http, UserService service, Security.AccountRestrictions restrictions) =>
            {
                var me = await service.GetAsync(CurrentUser.Id(http.User));
                var self = me.ToSelfDto(await restrictions.RequiredAsync(me));
                // A scoped (embedded) session holds none of the user's roles, so it is not told of them either.
                return Platform.Identity.SessionScope.Of(http.User) is null ? self : Embed.EmbedOrigins.WithoutRoles(self);
            })
            .WithSummary("The signed-in user.");

        users.MapPut("/me/password", async (ChangePasswordRequest request, HttpContext http, UserService service) =>
            {
                await service.ChangeOwnPasswordAsync(CurrentUser.Id(http.User), CurrentUser.SessionId(http.User), request.CurrentPassword, request.NewPassword, Actor.Of(http));
                return TypedResults.NoContent();
            }).WithSummary("Changes the caller's password and ends their other sessions.");

        users.MapGet("/", async (string? query, int? limit, bool? includeInactive, HttpContext http, UserService service) =>
                new ListResponse<UserDto>((await service.SearchAsync(query, limit, includeInactive == true && CurrentUser.Has(http.User, Permissions.UsersManage))).Select(u => u.ToDto()).ToList()))
            .WithSummary("Directory search by username or display name.");

        users.MapGet("/{id:long}", async (long id, UserService service) => (await service.GetAsync(id)).ToDto())
            .WithSummary("One user of the directory.");

        users.MapPost("/", async (CreateUserRequest request, HttpContext http, UserService service) =>
            {
                var user = await service.CreateAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/users/{user.Id}", user.ToDto());
            }).RequirePermission(Permissions.UsersManage).WithSummary("Creates a user (users.manage; granting roles also needs roles.manage).");

        users.MapPatch("/{id:long}", async (long id, UpdateUserRequest request, HttpContext http, UserService service) =>
                (await service.UpdateAsync(id, request, Actor.Of(http))).ToDto())
            .RequirePermission(Permissions.UsersManage)
            .WithSummary("Renames, (de)activates, or changes roles (users.manage; roles also need roles.manage). Deactivation ends all sessions; the last system administrator stays.");

        users.MapPut("/{id:long}/password", async (long id, ResetPasswordRequest request, HttpContext http, UserService service) =>
            {
                await service.ResetPasswordAsync(id, request.Password, revokeSessions: true, Actor.Of(http), request.MustChangePassword);
                return TypedResults.NoContent();
            }).RequirePermission(Permissions.UsersManage).WithSummary("Resets a user's password and ends their sessions (users.manage); by default the user must choose a new one at the next sign-in.");

        api.MapGet("/presence", async (string? userIds, PresenceTracker presence) =>
                new ListResponse<PresenceDto>(await presence.GetManyAsync(await presence.KnownUsersAsync(Common.QueryIds.Parse(userIds, "userIds", 500))))).WithTags("Users")
            .WithSummary("Presence of up to 500 users: userIds=1,2,3. Ids of no user are absent from the list.");
    }
}
