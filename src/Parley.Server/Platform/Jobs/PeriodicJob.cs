namespace Parley.Server.Platform.Jobs;

/// <summary>
/// A background job that runs one round every <see cref="Interval"/> (retention purges, export clean-up): a failing
/// round is logged and the next tick tries again; stopping the host ends it. No interval (null, zero or negative)
/// means the job never runs. Rounds that must run on one node take their own <see cref="JobLease"/>.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>What the job is, for the log ("Export cleanup").</summary>
    protected abstract string What { get; }

    /// <summary>The clock the ticks follow, for rounds that need the time too.</summary>
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan? Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval is not { } interval || interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval, Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Failed(logger, What, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; it runs again at the next interval")]
    private static partial void Failed(ILogger logger, string job, Exception exception);
}
