namespace Parley.Server.Platform.Jobs;

/// <summary>
/// The loop of an outbox drained on one node at a time (outgoing webhooks, e-mail): hold the named <see cref="JobLease"/>
/// (renewed every third of its duration; a node that dies stops renewing and another takes over), run rounds while
/// they find work, otherwise run the idle chore and sleep until <see cref="Wake"/> or the poll interval. A failing round
/// gives the lease up and waits a poll interval.
/// </summary>
public abstract partial class LeasedWorker(JobLease lease, TimeProvider clock, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected TimeProvider Clock => clock;
    protected ILogger Logger => logger;

    protected abstract string LeaseName { get; }
    protected abstract TimeSpan LeaseDuration { get; }
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>One round of work; false when nothing was due (the loop then idles).</summary>
    protected abstract Task<bool> RoundAsync(CancellationToken ct);

    /// <summary>Runs when a round found nothing (e.g. purging old rows), before the loop sleeps.</summary>
    protected virtual Task IdleAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>New work was written on this node: look now instead of at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewAt = DateTimeOffset.MinValue;
        var held = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= renewAt)
                {
                    held = await lease.TryAcquireAsync(LeaseName, LeaseDuration);
                    renewAt = clock.GetUtcNow() + LeaseDuration / 3;
                }
                if (!held)
                {
                    await Task.Delay(LeaseDuration / 3, stoppingToken);
                    continue;
                }
                if (await RoundAsync(stoppingToken)) continue;
                await IdleAsync(stoppingToken);
                await _wake.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LoopFailed(logger, LeaseName, ex);
                held = false;
                renewAt = DateTimeOffset.MinValue;
                try { await Task.Delay(PollInterval, stoppingToken); } catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary><paramref name="first"/> after the first failure, doubling, at most <paramref name="max"/>; ±20 % jitter so targets are not hit in step.</summary>
    public static TimeSpan Backoff(long attempt, TimeSpan first, TimeSpan max)
    {
        var doubled = first.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(doubled, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    [LoggerMessage(EventId = 1702, Level = LogLevel.Error, Message = "The {Lease} loop failed; it gives up its lease and tries again")]
    private static partial void LoopFailed(ILogger logger, string lease, Exception exception);
}
