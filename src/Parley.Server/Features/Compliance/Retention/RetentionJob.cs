using Microsoft.Extensions.Options;
using Parley.Server.Platform;

namespace Parley.Server.Features.Compliance.Retention;

/// <summary>Runs the retention purge every Parley:Compliance:Retention:Interval; the job lease keeps it on one node of a cluster.</summary>
public sealed class RetentionJob(RetentionService retention, IOptions<ComplianceOptions> options, ILogger<RetentionJob> logger, TimeProvider time)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Retention.Interval is not { } interval || interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await retention.RunAsync("schedule", Actor.System, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Retention purge failed; it runs again at the next interval");
            }
        }
    }
}
