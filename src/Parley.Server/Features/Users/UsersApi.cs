using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Users;

public static class UsersApi
{
    public const string AdminPolicy = "admin";

    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");

        users.MapGet("/me", (HttpContext http, UserService service) => service.Get(CurrentUser.Id(http.User)).ToDto())
            .WithSummary("The signed-in user.");

        users.MapPut("/me/password", async (ChangePasswordRequest request, HttpContext http, UserService service) =>
            {
                await service.ChangeOwnPasswordAsync(CurrentUser.Id(http.User), CurrentUser.SessionId(http.User), request.CurrentPassword, request.NewPassword);
                return TypedResults.NoContent();
            }).WithSummary("Changes the caller's password and ends their other sessions.");

        users.MapGet("/", (string? query, int? limit, bool? includeInactive, HttpContext http, UserService service) =>
                new ListResponse<UserDto>(service.Search(query, limit, includeInactive == true && CurrentUser.IsAdmin(http.User)).Select(u => u.ToDto()).ToList()))
            .WithSummary("Directory search by username or display name.");

        users.MapGet("/{id:long}", (long id, UserService service) => service.Get(id).ToDto())
            .WithSummary("One user of the directory.");

        users.MapPost("/", async (CreateUserRequest request, UserService service) =>
            {
                var user = await service.CreateAsync(request.Username, request.Password, request.DisplayName, request.IsAdmin);
                return TypedResults.Created($"/api/v1/users/{user.Id}", user.ToDto());
            }).RequireAuthorization(AdminPolicy).WithSummary("Creates a user (administrators only).");

        users.MapPatch("/{id:long}", async (long id, UpdateUserRequest request, UserService service) =>
                (await service.UpdateAsync(id, request)).ToDto())
            .RequireAuthorization(AdminPolicy).WithSummary("Renames, (de)activates or (un)makes administrator (administrators only). Deactivation ends all sessions.");

        users.MapPut("/{id:long}/password", async (long id, ResetPasswordRequest request, UserService service) =>
            {
                await service.ResetPasswordAsync(id, request.Password, revokeSessions: true);
                return TypedResults.NoContent();
            }).RequireAuthorization(AdminPolicy).WithSummary("Resets a user's password and ends their sessions (administrators only).");

        api.MapGet("/presence", async (string? userIds, PresenceTracker presence) =>
                new ListResponse<PresenceDto>(await presence.GetManyAsync(presence.KnownUsers(ParseIds(userIds))))).WithTags("Users")
            .WithSummary("Presence of up to 500 users: userIds=1,2,3. Ids of no user are absent from the list.");
    }

    private static long[] ParseIds(string? csv)
    {
        var parts = (csv ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 500) throw Common.ParleyException.Invalid("userIds", "Ask for at most 500 users at once.");
        var ids = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ids[i]))
                throw Common.ParleyException.Invalid("userIds", "userIds must be a comma-separated list of ids.");
        }
        return ids.Distinct().ToArray();
    }
}
