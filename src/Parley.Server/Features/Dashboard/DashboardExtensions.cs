using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Dashboard;

/// <summary>Composition root of the admin dashboard: one read-only service and its endpoint.</summary>
public static class DashboardExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DashboardService>();
        return builder;
    }

    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/dashboard", (HttpContext http, DashboardService dashboard, CancellationToken ct) => dashboard.GetAsync(Actor.Of(http), ct))
            .RequirePermission(Contracts.Permissions.SystemManage).WithTags("Administration")
            .WithSummary("Users, active today, messages per day for the last 30 UTC days, conversations and storage (system.manage).");
        return api;
    }
}
