using System.Globalization;
using Prometheus;
using Microsoft.Extensions.Options;
using Parley.Server.Operations.Metrics;
using Parley.Server.Storage;

namespace Parley.Server.Operations.Backup;

/// <summary>Runs <see cref="BackupService"/> every Parley:Backup:Interval and applies the retention (count, then age).</summary>
public sealed class BackupScheduler(
    IServiceProvider services, IOptions<BackupOptions> options, IOptions<StorageOptions> storage, ParleyMetrics metrics,
    ILogger<BackupScheduler> logger, TimeProvider time) : BackgroundService
{
    public const string Prefix = "parley-backup-";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval is not { } interval) return;
        var folder = Path.GetFullPath(Path.Combine(storage.Value.DataDirectory, options.Value.Folder));
        PrivateFiles.CreateDirectory(folder);
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var name = Prefix + time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + ".tar.gz";
                var result = await ActivatorUtilities.CreateInstance<BackupService>(services).CreateAsync(Path.Combine(folder, name), stoppingToken);
                metrics.BackupLastSuccess.SetToTimeUtc(time.GetUtcNow());
                metrics.BackupBytes.Set(result.Bytes);
                logger.LogInformation("Scheduled backup written to {Path} ({Bytes} bytes)", result.Path, result.Bytes);
                Prune(folder);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                metrics.BackupFailures.Inc();
                logger.LogError(ex, "Scheduled backup failed");
            }
        }
    }

    /// <summary>Keeps the newest KeepCount archives (names sort by time), and of those none older than KeepDays.</summary>
    private void Prune(string folder)
    {
        var o = options.Value;
        var archives = new DirectoryInfo(folder).GetFiles(Prefix + "*.tar.gz").OrderByDescending(f => f.Name, StringComparer.Ordinal).ToList();
        var cutoff = o.KeepDays > 0 ? time.GetUtcNow().UtcDateTime.AddDays(-o.KeepDays) : DateTime.MinValue;
        foreach (var (file, index) in archives.Select((f, i) => (f, i)))
        {
            if (index < o.KeepCount && file.LastWriteTimeUtc >= cutoff) continue;
            // The newest archive is never removed by age: a stalled schedule must not leave no backup at all.
            if (index == 0) continue;
            file.Delete();
            logger.LogInformation("Removed old backup {Path}", file.FullName);
        }
    }
}
