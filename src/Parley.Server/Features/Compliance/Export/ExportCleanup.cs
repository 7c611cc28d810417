using Microsoft.Extensions.Options;
using Parley.Server.Features.Files;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.Export;

/// <summary>
/// Removes the zips of exports (e-discovery and personal data) that finished more than
/// Parley:Compliance:ExportRetentionDays ago: the row is marked expired first, then the blob is deleted, so a download
/// never finds a row that promises a zip that is gone (it answers 410). One node at a time (a job lease).
/// </summary>
public sealed class ExportCleanup(Database database, WriteQueue writer, IBlobStore blobs, JobLease lease, IOptions<ComplianceOptions> options,
    TimeProvider time, ILogger<ExportCleanup> logger)
{
    public const string JobName = "export-cleanup";
    private const int Batch = 100;

    /// <summary>The exports expired by this run, or null when another node is cleaning up now.</summary>
    public async Task<IReadOnlyList<long>?> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!await lease.TryAcquireAsync(JobName, TimeSpan.FromMinutes(10))) return null;
        try
        {
            var cutoff = time.GetUtcNow().ToUnixTimeMilliseconds() - options.Value.ExportRetentionDays * 86_400_000L;
            var expired = new List<long>();
            while (true)
            {
                List<ExportStore.Row> due;
                await using (var c = await database.OpenAsync(cancellationToken)) due = await ExportStore.ExpirableAsync(c, cutoff, Batch);
                if (due.Count == 0) break;
                foreach (var row in due)
                {
                    if (!await writer.ExecuteAsync(w => ExportStore.Expire(w, row.Id, row.BlobKey!))) continue;
                    await blobs.DeleteAsync(row.BlobKey!, cancellationToken);
                    expired.Add(row.Id);
                }
            }
            if (expired.Count > 0)
            {
                await writer.ExecuteAsync(w => SystemLog.Append(w, Actor.System, SystemEventTypes.ExportsExpired, null,
                    new { exportIds = expired, retentionDays = options.Value.ExportRetentionDays }));
                logger.LogInformation("Export cleanup removed {Count} expired exports", expired.Count);
            }
            return expired;
        }
        finally
        {
            await lease.ReleaseAsync(JobName);
        }
    }
}

/// <summary>Runs <see cref="ExportCleanup"/> every Parley:Compliance:ExportCleanupInterval.</summary>
public sealed class ExportCleanupJob(ExportCleanup cleanup, IOptions<ComplianceOptions> options, TimeProvider time, ILogger<ExportCleanupJob> logger)
    : PeriodicJob(time, logger)
{
    protected override string What => "Export cleanup";

    protected override TimeSpan? Interval => options.Value.ExportCleanupInterval;

    protected override Task RunOnceAsync(CancellationToken ct) => cleanup.RunAsync(ct);
}
