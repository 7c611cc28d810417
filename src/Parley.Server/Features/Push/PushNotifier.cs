using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Parley.Server.Realtime;
using Parley.Server.Storage;
using WebPush = Lib.Net.Http.WebPush;

namespace Parley.Server.Features.Push;

/// <summary>What one call did: pushes delivered, subscriptions removed (the push service said 404/410), pushes failed, users skipped.</summary>
public sealed record PushOutcome(int Delivered, int Removed, int Failed, int SkippedOnline, int SkippedQuiet);

/// <summary>
/// Sends a push to users' registered devices: the one door other features use (new messages, urgent messages).
/// Rules applied here, per user: someone with a live hub connection (on any node) gets no push, since the open client
/// notifies them itself; someone in do-not-disturb gets none unless the message is urgent. Conversation mute is the
/// caller's rule (it knows the conversation). Each device's failure is recorded on its row and never stops the others;
/// 404/410 from the push service removes the subscription.
/// </summary>
public sealed class PushNotifier(
    PushStore store, WriteQueue writer, VapidKeys keys, ConnectionRegistry connections, IPresenceDirectory presence,
    IHttpClientFactory http, IOptions<PushOptions> options, TimeProvider clock, ILogger<PushNotifier> logger)
{
    public const string HttpClientName = "web-push";

    public async Task<PushOutcome> SendToUsersAsync(IReadOnlyCollection<long> userIds, PushMessage message, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (!o.Enabled || userIds.Count == 0) return new PushOutcome(0, 0, 0, 0, 0);
        var ids = userIds.Distinct().ToList();
        var offline = await OfflineAsync(ids);
        var now = clock.GetUtcNow();
        var settings = await store.SettingsAsync(offline);
        var targets = message.Urgent ? offline : offline.Where(u => !DoNotDisturb.IsQuiet(settings.GetValueOrDefault(u), now)).ToList();
        var subscriptions = await store.DeliverableAsync(targets, now.ToUnixTimeMilliseconds());
        if (subscriptions.Count == 0) return new PushOutcome(0, 0, 0, ids.Count - offline.Count, offline.Count - targets.Count);

        var delivered = new ConcurrentBag<long>();
        var gone = new ConcurrentBag<long>();
        var failed = new ConcurrentBag<(long, string)>();
        var client = new WebPush.PushServiceClient(http.CreateClient(HttpClientName))
        {
            DefaultAuthentication = keys.Authentication,
            DefaultTimeToLive = (int)o.TimeToLive.TotalSeconds,
            MaxRetriesAfter = 1,
        };
        await Parallel.ForEachAsync(subscriptions, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = cancellationToken },
            async (s, ct) =>
            {
                var preview = PushPayloads.EffectivePreview(o.Preview, settings.GetValueOrDefault(s.UserId)?.HideContent ?? false);
                var mentioned = message.MentionedUserIds?.Contains(s.UserId) ?? false;
                var push = new WebPush.PushMessage(PushPayloads.Build(message, preview, s.Language, mentioned))
                {
                    // A redelivered batch (at least once) replaces the push still waiting at the service instead of adding one.
                    Topic = $"m{message.MessageId}",
                    Urgency = message.Urgent || mentioned ? WebPush.PushMessageUrgency.High : WebPush.PushMessageUrgency.Normal,
                };
                var subscription = new WebPush.PushSubscription { Endpoint = s.Endpoint };
                subscription.SetKey(WebPush.PushEncryptionKeyName.P256DH, s.P256dh);
                subscription.SetKey(WebPush.PushEncryptionKeyName.Auth, s.Auth);
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(o.Timeout);
                    await client.RequestPushMessageDeliveryAsync(subscription, push, timeout.Token);
                    delivered.Add(s.Id);
                }
                catch (WebPush.PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                {
                    gone.Add(s.Id);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Any error of one device (refused, unreachable, slow, a key the encryption rejects) stays with that device.
                    var error = ex is WebPush.PushServiceClientException p ? $"{(int)p.StatusCode} {p.Message}" : ex is OperationCanceledException ? "timed out" : ex.Message;
                    PushLog.DeliveryFailed(logger, s.Id, error);
                    failed.Add((s.Id, error));
                }
            });
        if (!delivered.IsEmpty || !gone.IsEmpty || !failed.IsEmpty)
            await writer.ExecuteAsync(w =>
            {
                PushStore.RecordOutcomes(w, delivered.ToList(), gone.ToList(), failed.ToList());
                return 0;
            });
        return new PushOutcome(delivered.Count, gone.Count, failed.Count, ids.Count - offline.Count, offline.Count - targets.Count);
    }

    /// <summary>Users without a hub connection on this node or, in a cluster, on any other (the presence directory).</summary>
    private async Task<List<long>> OfflineAsync(List<long> userIds)
    {
        var notHere = userIds.Where(u => connections.Count(u) == 0).ToList();
        if (notHere.Count == 0) return notHere;
        var elsewhere = await presence.ReadAsync(notHere);
        return notHere.Where((_, i) => !elsewhere[i].OnlineElsewhere).ToList();
    }
}
