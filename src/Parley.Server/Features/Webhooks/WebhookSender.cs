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
    IOptionsMonitor<WebhookDeliveryOptions> options, TimeProvider clock, ILogger<WebhookSender> logger) : LeasedWorker(lease, clock, logger)
{
    public const string Lease = "webhook-sender";
    private DateTimeOffset _purgeAt = DateTimeOffset.MinValue;

    protected override string LeaseName => Lease;
    protected override TimeSpan LeaseDuration => options.CurrentValue.LeaseDuration;
    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        var o = options.CurrentValue;
        var due = await store.DueAsync(Clock.GetUtcNow().ToUnixTimeMilliseconds(), o.Concurrency * 4, ct);
        if (due.Count == 0) return false;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = ct },
            (d, token) => new ValueTask(SendAsync(d, o, token)));
        return true;
    }

    protected override async Task IdleAsync(CancellationToken ct)
    {
        if (Clock.GetUtcNow() < _purgeAt) return;
        // While idle, at most every tenth of KeepDelivered (1 s to 1 h): the delivery log does not grow without bound.
        var keep = (long)options.CurrentValue.KeepDelivered.TotalMilliseconds;
        await writer.ExecuteAsync(w => WebhookStore.PurgeDelivered(w, w.NowMs - keep));
        _purgeAt = Clock.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Clamp(keep / 10, 1000, 3_600_000));
    }

    private async Task SendAsync(WebhookStore.DueRow d, WebhookDeliveryOptions o, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(d.Payload);
        var now = Clock.GetUtcNow();
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
        var next = Clock.GetUtcNow() + Backoff(attempt, o);
        var nextMs = next.ToUnixTimeMilliseconds();
        if (nextMs > d.RetryUntil) WebhookLog.DeliveryDead(Logger, d.Id, attempt, error);
        else WebhookLog.DeliveryFailed(Logger, d.Id, attempt, error);
        await writer.ExecuteAsync(w => { WebhookStore.Failed(w, d.Id, status, error, nextMs); return 0; });
    }

    public static TimeSpan Backoff(long attempt, WebhookDeliveryOptions o) => LeasedWorker.Backoff(attempt, o.FirstRetryDelay, o.MaxRetryDelay);
}
