using System.Globalization;
using System.Security.Claims;

namespace Parley.Server.Features.Auth;

public static class CurrentUser
{
    public static long Id(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not authenticated."), CultureInfo.InvariantCulture);

    public static long SessionId(ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(TokenAuthenticationHandler.SessionIdClaim) ?? "0", CultureInfo.InvariantCulture);

    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole("admin");
}
