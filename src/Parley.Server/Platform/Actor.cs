using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Parley.Contracts;
using Parley.Server.Features.Auth;

namespace Parley.Server.Platform;

/// <summary>
/// Who is doing something, from where, and what they may do: recorded with every system event (audit) and asked by
/// services that decide on permissions beyond the endpoint's own policy (e.g. granting roles while editing a user).
/// </summary>
public sealed record Actor(long? UserId, string? Address, string Via, IReadOnlySet<string> Permissions)
{
    public const string ViaApi = "api";
    public const string ViaHub = "hub";
    public const string ViaCli = "cli";
    public const string ViaSystem = "system";

    private static readonly IReadOnlySet<string> Everything = Contracts.Permissions.All.ToHashSet();
    private static readonly IReadOnlySet<string> Nothing = new HashSet<string>();

    /// <summary>The operator at the server's console (the CLI): trusted with every permission.</summary>
    public static readonly Actor Cli = new(null, null, ViaCli, Everything);

    /// <summary>The server itself (start-up, janitors, sync jobs).</summary>
    public static readonly Actor System = new(null, null, ViaSystem, Everything);

    /// <summary>An anonymous caller (sign-in, first-run setup) at an address.</summary>
    public static Actor Anonymous(string? address) => new(null, address, ViaApi, Nothing);

    /// <summary>A signed-in user whose address is not at hand (writes deep in a service); no permissions assumed.</summary>
    public static Actor OfUser(long userId) => new(userId, null, ViaApi, Nothing);

    public static Actor Of(HttpContext http) => FromPrincipal(http.User, http.Connection.RemoteIpAddress?.ToString(), ViaApi);

    public static Actor Of(HubCallerContext hub) =>
        FromPrincipal(hub.User!, hub.GetHttpContext()?.Connection.RemoteIpAddress?.ToString(), ViaHub);

    private static Actor FromPrincipal(ClaimsPrincipal user, string? address, string via) =>
        user.Identity?.IsAuthenticated == true
            ? new Actor(CurrentUser.Id(user), address, via, CurrentUser.Permissions(user))
            : Anonymous(address);

    public bool Has(string permission) => Permissions.Contains(permission);

    /// <summary>Throws 403 unless the actor holds the permission.</summary>
    public void Require(string permission)
    {
        if (!Has(permission)) throw Common.ParleyException.Forbidden($"This needs the permission '{permission}'.");
    }
}
