using Parley.Contracts;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Operations.Health;

public static class AdminHealthApi
{
    public static RouteGroupBuilder MapAdminHealth(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/health", (AdminHealthService health, CancellationToken ct) => health.CheckAsync(ct))
            .RequirePermission(Permissions.SystemManage).WithTags("Admin")
            .WithSummary("Deployment health for the admin console: nodes, database, Redis, storage, writer, subscribers, recent errors (system.manage).");
        return api;
    }
}
