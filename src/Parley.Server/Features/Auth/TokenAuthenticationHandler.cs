using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Parley.Contracts;

namespace Parley.Server.Features.Auth;

/// <summary>
/// Authenticates "Authorization: Bearer &lt;token&gt;", or the access_token query parameter on the hub path
/// (browsers cannot set headers on WebSocket requests, so SignalR clients send it there).
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SessionStore sessions, SessionCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ParleyToken";
    public const string SessionIdClaim = "parley:sid";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null) return AuthenticateResult.NoResult();
        if (!token.StartsWith(Tokens.Prefix, StringComparison.Ordinal) || token.Length > 100)
            return AuthenticateResult.Fail("Malformed token.");

        var key = Convert.ToHexString(Tokens.Hash(token));
        if (!cache.TryGet(key, out var entry))
        {
            var found = await sessions.FindLiveAsync(Tokens.Hash(token), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (found is null) return AuthenticateResult.Fail("Unknown, expired or revoked token.");
            cache.Set(key, found.Value.Session, found.Value.User);
            entry = new SessionCache.Entry(found.Value.Session, found.Value.User, DateTimeOffset.UtcNow);
        }
        if (entry.Session.ExpiresAt <= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
            return AuthenticateResult.Fail("Expired token.");

        var user = entry.User;
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(SessionIdClaim, entry.Session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        foreach (var role in user.Roles) claims.Add(new Claim(ClaimTypes.Role, role));
        foreach (var permission in Platform.Permissions.RolePermissions.Of(user.Roles)) claims.Add(new Claim(CurrentUser.PermissionClaim, permission));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
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
