using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Parley.Contracts;

namespace Parley.Server.Features.Auth;

/// <summary>
/// Authenticates "Authorization: Bearer &lt;token&gt;", or the access_token query parameter on the hub path
/// (browsers cannot set headers on WebSocket requests, so SignalR clients send it there): preferably a short-lived
/// hub ticket (<see cref="HubTickets"/>), which keeps the bearer token out of URLs and logs; a bearer token is still
/// accepted there for clients that send one.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SessionStore sessions, SessionCache cache, SessionActivity activity, HubTickets tickets, Security.AccountRestrictions restrictions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ParleyToken";
    public const string SessionIdClaim = "parley:sid";
    public const string SessionExpiresClaim = "parley:exp";

    /// <summary>What the account must do before anything else (an error code; see AccountRestrictions); absent when nothing.</summary>
    public const string RequiresClaim = "parley:requires";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null) return AuthenticateResult.NoResult();
        var onHub = Request.Path.StartsWithSegments(HubNames.Path);
        SessionCache.Entry entry;
        if (onHub && token.StartsWith(HubTickets.Prefix, StringComparison.Ordinal))
        {
            // A hub ticket (from POST /auth/hub-ticket) stands for its session, on the hub's path only.
            if (tickets.Verify(token, DateTimeOffset.UtcNow) is not { } sessionId)
                return AuthenticateResult.Fail("Invalid or expired hub ticket.");
            if (await LookupAsync("sid:" + sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture), () => sessions.FindLiveByIdAsync(sessionId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())) is not { } byTicket)
                return AuthenticateResult.Fail("The ticket's session has ended.");
            entry = byTicket;
        }
        else
        {
            if (!token.StartsWith(Tokens.Prefix, StringComparison.Ordinal) || token.Length > 100)
                return AuthenticateResult.Fail("Malformed token.");
            if (await LookupAsync(Convert.ToHexString(Tokens.Hash(token)), () => sessions.FindLiveAsync(Tokens.Hash(token), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())) is not { } byToken)
                return AuthenticateResult.Fail("Unknown, expired or revoked token.");
            entry = byToken;
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (entry.Session.ExpiresAt <= now)
            return AuthenticateResult.Fail("Expired token.");
        activity.Seen(entry.Session, now);

        var user = entry.User;
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(SessionIdClaim, entry.Session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(SessionExpiresClaim, entry.Session.ExpiresAt.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        if (user.IsBot)
        {
            // A bot holds no role and no permission, whatever its row says: only its scopes (Features/Bots/BotScopeGate).
            claims.Add(new Claim(CurrentUser.KindClaim, Users.UserKinds.Bot));
            foreach (var botScope in Bots.BotScopeSet.Parse(user.BotScopes)) claims.Add(new Claim(CurrentUser.ScopeClaim, botScope));
        }
        else
        {
            if (await restrictions.RequiredAsync(user) is { } requires) claims.Add(new Claim(RequiresClaim, requires));
            // A scoped (embedded) session carries its scope and none of the user's roles: nothing embedded administers.
            var scope = Platform.Identity.SessionScope.Parse(entry.Session.Scope);
            if (scope is { } s) claims.Add(new Claim(Platform.Identity.SessionScope.Claim, s.ToString()));
            if (Platform.Identity.SessionScope.KeepsRoles(scope))
            {
                foreach (var role in user.Roles) claims.Add(new Claim(ClaimTypes.Role, role));
                foreach (var permission in Platform.Permissions.RolePermissions.Of(user.Roles)) claims.Add(new Claim(CurrentUser.PermissionClaim, permission));
            }
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>The cached session for a key, or the one <paramref name="find"/> reads (then cached); null when there is none.</summary>
    private async Task<SessionCache.Entry?> LookupAsync(string key, Func<Task<(SessionRecord Session, Users.UserRecord User)?>> find)
    {
        if (cache.TryGet(key, out var entry)) return entry;
        if (await find() is not { } found) return null;
        cache.Set(key, found.Session, found.User);
        return new SessionCache.Entry(found.Session, found.User, DateTimeOffset.UtcNow);
    }

    private string? ReadToken()
    {
        string? header = Request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        if (Request.Path.StartsWithSegments(HubNames.Path))
        {
            string? q = Request.Query["access_token"];
            if (!string.IsNullOrEmpty(q)) return q;
        }
        return null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Hosting.ProblemMapping.WriteAsync(Context, 401, ErrorCodes.Unauthenticated, "A valid bearer token is required.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Hosting.ProblemMapping.WriteAsync(Context, 403, ErrorCodes.Forbidden, "You are not allowed to do this.");
}
