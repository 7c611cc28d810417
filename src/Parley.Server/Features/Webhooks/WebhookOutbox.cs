using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Storage;

namespace Parley.Server.Features.Webhooks;

/// <summary>
/// Durable subscriber of the conversations stream: each event an enabled webhook subscribed to becomes a delivery
/// row (the outbox), written in log order in one transaction per batch. The subscriber's cursor moves only after the
/// rows commit and the (webhook, event) key makes a replayed batch a no-op, so no event is lost or doubled across a
/// crash; <see cref="WebhookSender"/> sends the rows. Starts at the log's end: a new server does not send the past, and
/// a new hook gets no event committed before it was created.
/// </summary>
public sealed class WebhookOutbox(WebhookStore store, WriteQueue writer, WebhookSender sender, IOptionsMonitor<WebhookDeliveryOptions> options) : IEventSubscriber
{
    public string Name => "outgoing-webhooks";
    public string Stream => EventStreams.Conversations;
    public bool StartAtEnd => true;

    public async Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        var relevant = batch
            .Select(e => (Event: e, Type: WebhookPayloads.TypeOf(e.Type)))
            .Where(x => x.Type is not null && x.Event.ConversationId is not null)
            .ToList();
        if (relevant.Count == 0) return;
        var hooks = (await store.EnabledAsync(cancellationToken)).Where(h => relevant.Any(x => h.EventList.Contains(x.Type!))).ToList();
        if (hooks.Count == 0) return;

        var kinds = await store.KindsAsync(relevant.Select(x => x.Event.ConversationId!.Value).ToHashSet(), cancellationToken);
        var messages = await store.MessagesAsync(relevant.Where(x => x.Event.MessageId is not null).Select(x => x.Event.MessageId!.Value).ToHashSet(), cancellationToken);
        var memberIds = relevant.Where(x => x.Event.Data is not null && x.Type is WebhookEventTypes.MemberJoined or WebhookEventTypes.MemberLeft)
            .Select(x => System.Text.Json.JsonSerializer.Deserialize<MemberEventData>(x.Event.Data!, Common.JsonDefaults.Options)?.UserId ?? 0)
            .ToHashSet();
        var users = await store.UsersAsync(memberIds, cancellationToken);

        var rows = new List<(long, long, string, long, string)>();
        foreach (var (e, type) in relevant)
        {
            var conversationId = e.ConversationId!.Value;
            object? data = null;
            foreach (var hook in hooks)
            {
                if (!hook.EventList.Contains(type!)) continue;
                // A hook receives what is committed from its creation on, however far behind this subscriber reads.
                if (e.At.ToUnixTimeMilliseconds() < hook.CreatedAt) continue;
                var scoped = hook.ConversationList;
                // Never direct conversations (refused at registration too); otherwise the named ones, or every group and channel.
                if (kinds.GetValueOrDefault(conversationId) is ConversationKinds.Direct or null) continue;
                if (scoped.Count > 0 && !scoped.Contains(conversationId)) continue;
                data ??= WebhookPayloads.DataOf(e, type!, messages, users);
                if (data is null) break;
                if (!WebhookPayloads.Triggers(hook.TriggerList, data)) continue;
                rows.Add((hook.Id, e.Id, type!, conversationId, WebhookPayloads.Serialize(type!, e.At, data)));
            }
        }
        if (rows.Count == 0) return;
        var retryFor = options.CurrentValue.RetryFor;
        await writer.ExecuteAsync(w =>
        {
            WebhookStore.Enqueue(w, rows, w.NowMs + (long)retryFor.TotalMilliseconds);
            return 0;
        });
        sender.Wake();
    }
}
