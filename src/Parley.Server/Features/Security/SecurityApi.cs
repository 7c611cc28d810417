using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Security;

public static class SecurityApi
{
    public static void MapSecurityApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/security-policy").WithTags("Administration");
        admin.MapGet("/", async (SecurityPolicy policy) => new SecurityPolicyDto(await policy.RequirementAsync()))
            .RequirePermission(Contracts.Permissions.SystemManage).WithSummary("Who must sign in with a second factor (system.manage).");
        admin.MapPut("/", async (SecurityPolicyDto request, HttpContext http, SecurityPolicy policy) => await policy.SetAsync(request, Actor.Of(http)))
            .RequirePermission(Contracts.Permissions.SystemManage)
            .WithSummary("Sets who must sign in with a second factor: off, administrators (anyone holding a role) or everyone (system.manage). Recorded as settings.changed.");
    }
}
