using System.Globalization;
using System.Security.Claims;
using Parley.Contracts;

namespace Parley.Server.Features.Auth;

public static class CurrentUser
{
    /// <summary>One claim per permission the user's roles carry (see Platform/Permissions).</summary>
    public const string PermissionClaim = "parley:perm";

    /// <summary>Present (value "bot") on a bot's token; see Features/Bots.</summary>
    public const string KindClaim = "parley:kind";

    /// <summary>One claim per scope a bot's token carries (not <see cref="Platform.Identity.SessionScope.Claim"/>, an embedded session's one scope).</summary>
    public const string ScopeClaim = "parley:bot-scope";

    public static bool IsBot(ClaimsPrincipal user) => user.HasClaim(KindClaim, Users.UserKinds.Bot);

    public static long Id(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not authenticated."), CultureInfo.InvariantCulture);

    public static long SessionId(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(TokenAuthenticationHandler.SessionIdClaim) ?? "0", CultureInfo.InvariantCulture);

    /// <summary>When the session ends (Unix ms); a hub connection is closed then.</summary>
    public static long SessionExpiresAt(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(TokenAuthenticationHandler.SessionExpiresClaim) ?? "0", CultureInfo.InvariantCulture);

    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(Roles.SystemAdmin);

    public static IReadOnlySet<string> Permissions(ClaimsPrincipal user) =>
        user.FindAll(PermissionClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    public static bool Has(ClaimsPrincipal user, string permission) => user.HasClaim(PermissionClaim, permission);
}
