using Microsoft.Extensions.Options;
using Parley.Server.Cluster;
using Parley.Server.Storage;

namespace Parley.Server.Features.Scheduled;

/// <summary>
/// Sends due scheduled messages and fires due reminders, on every node: each poll is one indexed read per table
/// (rows whose <c>next_at</c> has come); each due row is then claimed through the writer, so exactly one node acts on
/// it. State is all in the database, so a restart (or a dead node's lease running out) loses nothing.
/// </summary>
public sealed class ScheduledJob(
    Database database, WriteQueue writer, ScheduledMessageService scheduled, ReminderService reminders, ClusterOptions cluster,
    IOptions<ScheduledOptions> options, ILogger<ScheduledJob> logger) : BackgroundService
{
    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The scheduled-send job failed; it tries again shortly");
            }
            if (busy) continue; // a full batch: there may be more due now
            try { await Task.Delay(options.Value.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One pass; true when a batch was full.</summary>
    private async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        List<long> dueReminders, dueMessages;
        await using (var c = await database.OpenAsync(stoppingToken))
        {
            dueReminders = await ReminderStore.DueAsync(c, now, Batch);
            dueMessages = await ScheduledStore.DueAsync(c, now, Batch);
        }
        foreach (var id in dueReminders) await reminders.FireAsync(id);
        var lease = (long)options.Value.ClaimLease.TotalMilliseconds;
        foreach (var id in dueMessages)
        {
            stoppingToken.ThrowIfCancellationRequested();
            var claimed = await writer.ExecuteAsync(w => ScheduledStore.Claim(w, id, cluster.NodeId, w.NowMs + lease));
            if (claimed is not null) await scheduled.FireAsync(claimed);
        }
        return dueReminders.Count == Batch || dueMessages.Count == Batch;
    }
}
