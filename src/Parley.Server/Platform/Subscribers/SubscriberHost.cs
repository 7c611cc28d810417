using Microsoft.Extensions.Options;
using Parley.Server.Cluster;
using Parley.Server.Storage;

namespace Parley.Server.Platform.Subscribers;

/// <summary>
/// Runs every registered <see cref="IEventSubscriber"/>, each in its own loop: take the lease, read a batch after the
/// cursor, hand it over, move the cursor; wait for this node's next commit (or the poll interval) when there is
/// nothing to read; back off on failure. Acknowledge-after-handle makes delivery at least once: a crash between the
/// two replays the batch, never skips it.
/// </summary>
public sealed class SubscriberHost(
    IEnumerable<IEventSubscriber> subscribers, EventReader reader, SubscriberCursors cursors, WriteQueue writer,
    ClusterOptions cluster, IOptions<SubscribersOptions> options, ILogger<SubscriberHost> logger) : BackgroundService
{
    private readonly List<(string Stream, SemaphoreSlim Wakeup)> _wakeups = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var all = subscribers.ToList();
        if (all.Count == 0) return;
        var duplicate = all.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two durable subscribers are named '{duplicate.Key}'.");
        foreach (var s in all) _wakeups.Add((s.Stream, new SemaphoreSlim(0, 1)));
        writer.Committed += Wake;
        try
        {
            await Task.WhenAll(all.Select((s, i) => RunAsync(s, _wakeups[i].Wakeup, stoppingToken)));
        }
        finally
        {
            writer.Committed -= Wake;
        }
    }

    /// <summary>Wakes the subscribers of the streams this commit wrote to (a message commit does not wake system-stream readers).</summary>
    private void Wake(CommitSignal signal)
    {
        foreach (var (stream, w) in _wakeups)
        {
            var touched = stream == EventStreams.System ? signal.SystemEvents : signal.ConversationEvents;
            if (touched && w.CurrentCount == 0)
            {
                try { w.Release(); } catch (SemaphoreFullException) { } // already signalled
            }
        }
    }

    private Task RunAsync(IEventSubscriber subscriber, SemaphoreSlim wakeup, CancellationToken stop) =>
        subscriber.PerNode ? RunOnThisNodeAsync(subscriber, wakeup, stop) : RunLeasedAsync(subscriber, wakeup, stop);

    /// <summary>A per-node subscriber: from the end of the log at start-up, position in memory, retried until handled.</summary>
    private async Task RunOnThisNodeAsync(IEventSubscriber subscriber, SemaphoreSlim wakeup, CancellationToken stop)
    {
        var o = options.Value;
        LogPosition? position = null;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                position ??= await reader.EndAsync(subscriber.Stream);
                var batch = await reader.ReadAsync(subscriber.Stream, position.Value, Math.Clamp(subscriber.BatchSize, 1, 10_000), stop);
                if (batch.Count == 0)
                {
                    await wakeup.WaitAsync(o.PollInterval, stop);
                    continue;
                }
                await subscriber.HandleAsync(batch, stop);
                position = batch[^1].Position;
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                SubscriberLog.LoopFailed(logger, ex, subscriber.Name);
                try { await Task.Delay(Backoff(failures, o), stop); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>
    /// A leased subscriber. Its loop keeps what it has handled in memory (<c>position</c>) and stores it as the cursor at
    /// most every <see cref="SubscribersOptions.CursorInterval"/>, and before a lease renewal, which would otherwise read
    /// the older stored cursor back. Once caught up it waits for a commit, then for <see cref="SubscribersOptions.BatchWindow"/>,
    /// so a stream of small commits is read and handled in batches.
    /// </summary>
    private async Task RunLeasedAsync(IEventSubscriber subscriber, SemaphoreSlim wakeup, CancellationToken stop)
    {
        var o = options.Value;
        var node = cluster.NodeId;
        var limit = Math.Clamp(subscriber.BatchSize, 1, 10_000);
        var leased = new LeasedCursor(cursors, subscriber.Name, node, o);
        var caughtUp = false;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (leased.SaveDue && !await leased.SaveAsync())
                {
                    SubscriberLog.LeaseLost(logger, subscriber.Name, node);
                    continue; // another node took over and delivers from the stored cursor (again, at least once)
                }
                if (leased.Position is null || leased.RenewDue)
                {
                    var held = leased.Position is not null;
                    if (!await leased.AcquireAsync(subscriber))
                    {
                        if (held) SubscriberLog.LeaseLost(logger, subscriber.Name, node);
                        await Task.Delay(o.PollInterval, stop);
                        continue;
                    }
                    if (!held) SubscriberLog.LeaseTaken(logger, subscriber.Name, node, leased.Position!.Value.Tx, leased.Position.Value.Id);
                }
                if (caughtUp)
                {
                    caughtUp = false;
                    if (await wakeup.WaitAsync(leased.WaitLimit(o.PollInterval), stop) && o.BatchWindow > TimeSpan.Zero)
                        await Task.Delay(o.BatchWindow, stop);
                    continue;
                }
                var batch = await reader.ReadAsync(subscriber.Stream, leased.Position!.Value, limit, stop);
                if (batch.Count == 0)
                {
                    caughtUp = true;
                    continue;
                }
                try
                {
                    await subscriber.HandleAsync(batch, stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    failures++;
                    SubscriberLog.BatchFailed(logger, ex, subscriber.Name, batch[0].Id, failures);
                    // Store what was handled before this batch first: the backoff may outlast the lease.
                    if (leased.Unsaved && !await leased.SaveAsync())
                    {
                        SubscriberLog.LeaseLost(logger, subscriber.Name, node);
                        continue;
                    }
                    await cursors.RecordFailureAsync(subscriber.Name, node, ex.GetType().Name + ": " + ex.Message);
                    await Task.Delay(Backoff(failures, o), stop);
                    leased.RenewNow(); // the wait may have outlasted the lease: check it before going on
                    continue;
                }
                failures = 0;
                leased.Handled(batch[^1].Position, batch.Count);
                // A short batch read everything committed: wait for the next commit rather than read again at once.
                caughtUp = batch.Count < limit;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database is unavailable or the writer refused (shutting down): try again shortly, from the stored cursor.
                SubscriberLog.LoopFailed(logger, ex, subscriber.Name);
                leased.Forget();
                caughtUp = false;
                try { await Task.Delay(o.PollInterval, stop); } catch (OperationCanceledException) { break; }
            }
        }
        if (leased.Position is not null)
        {
            try
            {
                if (leased.Unsaved) await leased.SaveAsync();
                await cursors.ReleaseAsync(subscriber.Name, node);
            }
            catch (Exception ex) { SubscriberLog.LoopFailed(logger, ex, subscriber.Name); }
        }
    }

    /// <summary>1 s after the first failure in a row, doubling up to MaxBackoff.</summary>
    private static TimeSpan Backoff(int failures, SubscribersOptions o) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(failures - 1, 20)), o.MaxBackoff.TotalSeconds));
}
