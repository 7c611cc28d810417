using Microsoft.Extensions.Options;
using Parley.Server.Platform.Jobs;

namespace Parley.Server.Features.Calls;

/// <summary>
/// Finds calls that need the server to act without anyone asking: callees still ringing after the ring timeout
/// (missed) and joined participants whose client stopped reporting (its tab closed, its node died). Every node looks
/// (one indexed read); only when there is work does it take the <c>calls.sweep</c> lease, so one node acts.
/// </summary>
public sealed class CallSweepJob(CallStore store, CallService calls, JobLease lease, IOptionsMonitor<CallsOptions> options, ILogger<CallSweepJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            try { await Task.Delay(o.SweepInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var due = await store.SweepDueAsync(now, now - (long)o.ParticipantTimeout.TotalMilliseconds);
                if (due.Count == 0 || !await lease.TryAcquireAsync("calls.sweep", o.SweepInterval * 5)) continue;
                foreach (var id in due) await calls.SweepAsync(id);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                CallsLog.SweepFailed(logger, ex);
            }
        }
    }
}
