using Dapper;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Ldap;

/// <summary>
/// Runs the directory sync every SyncInterval (from the settings in effect, so a change in the console applies without
/// a restart). Every node looks once a minute whether a run is due (the last <c>ldap.sync</c> event is older than the
/// interval); the job lease in <see cref="LdapSync.RunAsync"/> lets one of them run it.
/// </summary>
public sealed class LdapSyncJob(LdapSettings settings, LdapSync sync, Database database, ILogger<LdapSyncJob> logger, TimeProvider time)
    : PeriodicJob(time, logger)
{
    public static readonly TimeSpan Check = TimeSpan.FromMinutes(1);

    protected override string What => "LDAP sync";

    protected override TimeSpan? Interval => Check;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var o = await settings.CurrentAsync();
        if (!o.Configured || o.SyncInterval <= TimeSpan.Zero || !await DueAsync(o.SyncInterval)) return;
        await sync.RunAsync(dryRun: false, "schedule", Actor.System, ct);
    }

    private async Task<bool> DueAsync(TimeSpan interval)
    {
        await using var c = await database.OpenAsync();
        var last = await c.ExecuteScalarAsync<long?>("SELECT max(created_at) FROM system_events WHERE type = @type", new { type = SystemEventTypes.LdapSync });
        return last is null || Time.GetUtcNow().ToUnixTimeMilliseconds() - last >= (long)interval.TotalMilliseconds;
    }
}
