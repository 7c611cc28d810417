using System.Text;
using Microsoft.Extensions.Options;
using Parley.Server.Platform.Jobs;
using Parley.Server.Platform.Outbound;
using Parley.Server.Storage;

namespace Parley.Server.Features.Webhooks;

/// <summary>
/// Sends the outbox (<c>webhook_deliveries</c>) on the node holding the "webhook-sender" lease. Each round takes the
/// oldest pending delivery of every (webhook, conversation) that is due, sends those in parallel, and records the
/// outcome through the writer: 2xx delivered; anything else (status, refusal, timeout) waits FirstRetryDelay doubling
/// up to MaxRetryDelay, kept in next_attempt_at so the schedule survives restarts, until retry_until passes (dead).
/// A crash between a send and its record sends it again with the same webhook-id: at least once.
/// </summary>
public sealed class WebhookSender(WebhookStore store, WriteQueue writer, JobLease lease, OutboundHttp http,
    IOptionsMonitor<WebhookDeliveryOptions> options, TimeProvider clock, ILogger<WebhookSender> logger) : BackgroundService
{
    public const string LeaseName = "webhook-sender";
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>New deliveries were written on this node: look now instead of at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewAt = DateTimeOffset.MinValue;
        var purgeAt = DateTimeOffset.MinValue;
        var held = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            try
            {
                if (clock.GetUtcNow() >= renewAt)
                {
                    held = await lease.TryAcquireAsync(LeaseName, o.LeaseDuration);
                    renewAt = clock.GetUtcNow() + o.LeaseDuration / 3;
                }
                if (!held)
                {
                    await Task.Delay(o.LeaseDuration / 3, stoppingToken);
                    continue;
                }
                var due = await store.DueAsync(clock.GetUtcNow().ToUnixTimeMilliseconds(), o.Concurrency * 4, stoppingToken);
                if (due.Count == 0)
                {
                    if (clock.GetUtcNow() >= purgeAt)
                    {
                        // While idle, at most every tenth of KeepDelivered (1 s to 1 h): the delivery log does not grow without bound.
                        var keep = (long)o.KeepDelivered.TotalMilliseconds;
                        await writer.ExecuteAsync(w => WebhookStore.PurgeDelivered(w, w.NowMs - keep));
                        purgeAt = clock.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Clamp(keep / 10, 1000, 3_600_000));
                    }
                    await _wake.WaitAsync(o.PollInterval, stoppingToken);
                    continue;
                }
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = stoppingToken },
                    (d, ct) => new ValueTask(SendAsync(d, o, ct)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                WebhookLog.LoopFailed(logger, ex);
                held = false;
                renewAt = DateTimeOffset.MinValue;
                try { await Task.Delay(o.PollInterval, stoppingToken); } catch (OperationCanceledException) { break; }
            }
        }
    }

    private async Task SendAsync(WebhookStore.DueRow d, WebhookDeliveryOptions o, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(d.Payload);
        var now = clock.GetUtcNow();
        int? status = null;
        string error;
        try
        {
            var response = await http.SendAsync(new OutboundRequest(HttpMethod.Post, new Uri(d.Url))
            {
                Body = body,
                Headers = WebhookSigner.Headers(d.Secret, WebhookStore.WebhookIdOf(d.Id), now, body),
                MaxResponseBytes = 0,
            }, ct);
            if (response.IsSuccess)
            {
                await writer.ExecuteAsync(w => { WebhookStore.Delivered(w, d.Id, response.Status); return 0; });
                return;
            }
            status = response.Status;
            error = $"HTTP {response.Status}";
        }
        catch (OutboundException e)
        {
            error = $"{e.Code}: {e.Message}";
        }
        var attempt = d.Attempts + 1;
        var next = clock.GetUtcNow() + Backoff(attempt, o);
        var nextMs = next.ToUnixTimeMilliseconds();
        if (nextMs > d.RetryUntil) WebhookLog.DeliveryDead(logger, d.Id, attempt, error);
        else WebhookLog.DeliveryFailed(logger, d.Id, attempt, error);
        await writer.ExecuteAsync(w => { WebhookStore.Failed(w, d.Id, status, error, nextMs); return 0; });
    }

    /// <summary>FirstRetryDelay after the first failure, doubling, at most MaxRetryDelay; ±20 % jitter so receivers are not hit in step.</summary>
    public static TimeSpan Backoff(long attempt, WebhookDeliveryOptions o)
    {
        var doubled = o.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(doubled, o.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}
