using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Settings;

public static class SettingsApi
{
    public static void MapSettingsApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/settings").WithTags("Administration").RequirePermission(Contracts.Permissions.SystemManage);
        admin.MapGet("/", (HttpContext http, RuntimeSettings settings) => settings.ListAsync(Actor.Of(http)))
            .WithSummary("Settings that can change at run time: the value in force, the configured default, whether it is overridden, the range (system.manage).");
        admin.MapPut("/{key}", (string key, RuntimeSettingChange change, HttpContext http, RuntimeSettings settings) => settings.SetAsync(key, change, Actor.Of(http)))
            .WithSummary("Overrides a setting on every node without a restart; 400 validation_failed outside its range. Recorded as settings.changed (system.manage).");
        admin.MapDelete("/{key}", (string key, HttpContext http, RuntimeSettings settings) => settings.ResetAsync(key, Actor.Of(http)))
            .WithSummary("Removes the override: the configured default applies again on every node. Recorded as settings.changed (system.manage).");
    }
}
