using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Auth;

public static class AuthApi
{

    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapGet("/setup", async (AuthService auth) => new { needed = await auth.SetupNeededAsync() })
            .AllowAnonymous().WithTags("Auth").WithSummary("Whether first-run setup is still needed (no user exists).");

        api.MapPost("/setup", async (SetupRequest request, AuthService auth, HttpContext http) =>
                TypedResults.Created("/api/v1/users/me", await auth.SetupAsync(request, Actor.Of(http), http.Request.Headers.UserAgent)))
            .AllowAnonymous().AddEndpointFilter(LimitByAddress).WithTags("Auth")
            .WithSummary("Creates the first administrator and signs in; 409 once any user exists.");

        api.MapPost("/auth/login", async (LoginRequest request, AuthService auth, HttpContext http) =>
                await auth.LoginAsync(request, Actor.Of(http), http.Request.Headers.UserAgent, http.RequestAborted))
            .AllowAnonymous().AddEndpointFilter(LimitByAddress).WithTags("Auth")
            .WithSummary("Password login; returns a bearer token. Repeated failures for an account from one address are throttled (429 login_throttled).");

        api.MapPost("/auth/logout", async (HttpContext http, AuthService auth) =>
            {
                await auth.RevokeAsync(CurrentUser.Id(http.User), CurrentUser.SessionId(http.User), Actor.Of(http));
                return TypedResults.NoContent();
            }).WithTags("Auth").WithSummary("Ends the current session (its token stops working at once).");

        api.MapPost("/auth/hub-ticket", (HttpContext http, HubTickets tickets) =>
            {
                var (ticket, expiresAt) = tickets.Issue(CurrentUser.SessionId(http.User), DateTimeOffset.UtcNow);
                return new HubTicketDto(ticket, expiresAt);
            }).WithTags("Auth")
            .WithSummary("A ticket for opening the hub (access_token=), valid for 60 seconds on /api/v1/hub only, so the bearer token never appears in a URL.");

        api.MapGet("/auth/sessions", async (HttpContext http, AuthService auth) =>
                new ListResponse<SessionDto>(await auth.ListSessionsAsync(CurrentUser.Id(http.User), CurrentUser.SessionId(http.User))))
            .WithTags("Auth").WithSummary("The caller's live sessions.");

        api.MapDelete("/auth/sessions/{id:long}", async (long id, HttpContext http, AuthService auth) =>
            {
                await auth.RevokeAsync(CurrentUser.Id(http.User), id, Actor.Of(http));
                return TypedResults.NoContent();
            }).WithTags("Auth").WithSummary("Revokes one of the caller's sessions.");

        // An administrator's view of someone else's sessions (a lost laptop, a leaver): list and end them.
        api.MapGet("/users/{id:long}/sessions", async (long id, AuthService auth) =>
                new ListResponse<SessionDto>(await auth.ListSessionsAsync(id, 0)))
            .RequirePermission(Contracts.Permissions.UsersManage).WithTags("Users").WithSummary("A user's live sessions (users.manage).");

        api.MapDelete("/users/{id:long}/sessions/{sessionId:long}", async (long id, long sessionId, HttpContext http, AuthService auth) =>
            {
                await auth.RevokeAsync(id, sessionId, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Contracts.Permissions.UsersManage).WithTags("Users").WithSummary("Ends one of a user's sessions at once (users.manage).");
    }

    /// <summary>At most LoginAttemptsPerMinute sign-in attempts per client address (across all nodes in cluster mode).</summary>
    internal static async ValueTask<object?> LimitByAddress(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.LoginAttemptsPerMinute;
        var key = "login:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var decision = await http.RequestServices.GetRequiredService<IRateCounter>().TryTakeAsync(key, limit, TimeSpan.FromMinutes(1));
        if (!decision.Allowed)
            throw new ParleyException(429, ErrorCodes.RateLimited, "Too many attempts from this address; wait a minute.", decision.RetryAfter);
        return await next(context);
    }
}
