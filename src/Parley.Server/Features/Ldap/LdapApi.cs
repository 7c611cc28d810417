using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Ldap;

public static class LdapApi
{
    public static void MapLdapApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/ldap").WithTags("Administration");
        admin.MapGet("/", async (LdapSettings settings, LdapSync sync) => new LdapStateDto(await settings.DescribeAsync(), await sync.LastReportAsync()))
            .RequirePermission(Contracts.Permissions.SystemManage).WithSummary("LDAP / AD settings (never the bind password) and the last sync's report (system.manage).");
        admin.MapPut("/", (UpdateLdapSettingsRequest request, HttpContext http, LdapSettings settings) => settings.SaveAsync(request, Actor.Of(http)))
            .RequirePermission(Contracts.Permissions.SystemManage)
            .WithSummary("Saves the LDAP / AD settings; they apply on every node at once. bindPassword null keeps the stored one. Recorded as settings.changed (system.manage).");
        admin.MapPost("/test", async (UpdateLdapSettingsRequest? request, LdapSettings settings, LdapDirectory directory, CancellationToken ct) =>
            {
                var current = await settings.CurrentAsync();
                var options = request is null ? current : LdapSettings.Merge(current, request with { Enabled = true });
                return await directory.TestAsync(options, ct);
            })
            .RequirePermission(Contracts.Permissions.SystemManage)
            .WithSummary("Tests the connection: reach the server, bind as the service account, read the base DN, count the accounts the sync filter finds. "
                + "With a body, tests those settings (unsaved; bindPassword null uses the stored one). ok false carries the code and message (system.manage).");
        admin.MapPost("/sync", (bool? dryRun, HttpContext http, LdapSync sync, CancellationToken ct) =>
                sync.RunAsync(dryRun ?? false, dryRun == true ? "preview" : "manual", Actor.Of(http), ct))
            .RequirePermission(Contracts.Permissions.SystemManage)
            .WithSummary("Syncs users and departments now; ?dryRun=true only reports what it would do (to create, update, deactivate, departments) and changes nothing. "
                + "A real run is recorded as ldap.sync with its report (system.manage).");
    }
}
