using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Platform.Outbound;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Webhooks;

/// <summary>
/// Outgoing webhooks (event subscriptions), managed by holders of integrations.manage: a URL checked against the SSRF
/// guard when registered, the event types, optionally the conversations and trigger words; a signing secret shown once.
/// </summary>
public sealed class WebhookService(WebhookStore store, WriteQueue writer, OutboundHttp outbound, WebhookSender sender,
    IOptionsMonitor<WebhookDeliveryOptions> options)
{
    private const int MaxConversations = 100, MaxTriggerWords = 20, MaxTriggerWordLength = 50;

    public async Task<WebhookCreatedDto> CreateAsync(CreateWebhookRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        var url = await CheckUrlAsync(request.Url);
        var events = Events(request.Events) ?? throw ParleyException.Invalid("events", $"Name at least one event: {string.Join(", ", WebhookEventTypes.All)}.");
        var conversations = await ConversationsAsync(request.ConversationIds);
        var triggers = TriggerWords(request.TriggerWords);
        var secret = WebhookSigner.NewSecret();
        var max = options.CurrentValue.MaxWebhooks;
        var id = await writer.ExecuteAsync(w =>
        {
            if (Dapper.SqlMapper.ExecuteScalar<long>(w.Connection, "SELECT count(*) FROM webhooks", transaction: w.Transaction) >= max)
                throw ParleyException.Conflict($"This server allows {max} webhooks (Parley:Webhooks:Delivery:MaxWebhooks); delete one first.");
            var id = WebhookStore.Insert(w, url, secret, WebhookStore.Json(events), WebhookStore.Json(conversations), WebhookStore.Json(triggers), actor.UserId ?? 0);
            SystemLog.Append(w, actor, SystemEventTypes.WebhookCreated, id, new { url, events });
            return id;
        });
        return new WebhookCreatedDto(id, secret, (await store.FindAsync(id))!.ToDto());
    }

    public async Task<IReadOnlyList<WebhookDto>> ListAsync(Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        return (await store.ListAsync()).Select(h => h.ToDto()).ToList();
    }

    public async Task<WebhookDto> GetAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        return (await FindAsync(id)).ToDto();
    }

    public async Task<WebhookDto> UpdateAsync(long id, UpdateWebhookRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        await FindAsync(id);
        var url = request.Url is null ? null : await CheckUrlAsync(request.Url);
        var events = request.Events is null ? null : Events(request.Events) ?? throw ParleyException.Invalid("events", "Name at least one event.");
        var conversations = request.ConversationIds is null ? null : WebhookStore.Json(await ConversationsAsync(request.ConversationIds));
        var triggers = request.TriggerWords is null ? null : WebhookStore.Json(TriggerWords(request.TriggerWords));
        await writer.ExecuteAsync(w =>
        {
            if (!WebhookStore.Update(w, id, url, events is null ? null : WebhookStore.Json(events), conversations, triggers, request.Enabled))
                throw ParleyException.NotFound("The webhook");
            SystemLog.Append(w, actor, SystemEventTypes.WebhookUpdated, id, new { url, events, enabled = request.Enabled });
            return 0;
        });
        if (request.Enabled == true) sender.Wake();
        return (await FindAsync(id)).ToDto();
    }

    public async Task DeleteAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        await writer.ExecuteAsync(w =>
        {
            if (!WebhookStore.Delete(w, id)) throw ParleyException.NotFound("The webhook");
            SystemLog.Append(w, actor, SystemEventTypes.WebhookDeleted, id);
            return 0;
        });
    }

    public async Task<IReadOnlyList<WebhookDeliveryDto>> DeliveriesAsync(long id, string? status, long? before, int? limit, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        await FindAsync(id);
        if (status is not null && status is not (WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Delivered or WebhookDeliveryStatus.Dead))
            throw ParleyException.Invalid("status", "status is pending, delivered or dead.");
        return (await store.DeliveriesAsync(id, status, before, Math.Clamp(limit ?? 50, 1, 200))).Select(d => d.ToDto()).ToList();
    }

    /// <summary>Dead deliveries (one, or all of the webhook's) go back in the queue with a fresh retry window.</summary>
    public async Task<WebhookReplayDto> ReplayAsync(long id, long? deliveryId, Actor actor)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        await FindAsync(id);
        var retryFor = options.CurrentValue.RetryFor;
        var replayed = await writer.ExecuteAsync(w =>
        {
            var n = WebhookStore.Replay(w, id, deliveryId, w.NowMs + (long)retryFor.TotalMilliseconds);
            if (deliveryId is not null && n == 0) throw ParleyException.NotFound("A dead delivery with that id");
            if (n > 0) SystemLog.Append(w, actor, SystemEventTypes.WebhookReplayed, id, new { deliveryId, count = n });
            return n;
        });
        sender.Wake();
        return new WebhookReplayDto(replayed);
    }

    private async Task<WebhookStore.HookRow> FindAsync(long id) => await store.FindAsync(id) ?? throw ParleyException.NotFound("The webhook");

    private async Task<string> CheckUrlAsync(string? url)
    {
        try
        {
            return (await outbound.ValidateTargetAsync(url)).ToString();
        }
        catch (OutboundException e)
        {
            throw e.ToProblem();
        }
    }

    private static List<string>? Events(IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0) return null;
        var unknown = events.FirstOrDefault(e => !WebhookEventTypes.All.Contains(e));
        if (unknown is not null) throw ParleyException.Invalid("events", $"Unknown event '{unknown}'. Events: {string.Join(", ", WebhookEventTypes.All)}.");
        return events.Distinct().ToList();
    }

    private async Task<List<long>> ConversationsAsync(IReadOnlyList<long>? ids)
    {
        if (ids is null || ids.Count == 0) return [];
        if (ids.Count > MaxConversations) throw ParleyException.Invalid("conversationIds", $"At most {MaxConversations} conversations per webhook.");
        var distinct = ids.Distinct().ToList();
        var kinds = await store.KindsAsync(distinct, CancellationToken.None);
        var missing = distinct.FirstOrDefault(id => !kinds.ContainsKey(id));
        if (missing != 0) throw ParleyException.Invalid("conversationIds", $"There is no conversation {missing}.");
        // Direct conversations are two people's private exchange: an integration never subscribes to them.
        if (distinct.FirstOrDefault(id => kinds[id] == ConversationKinds.Direct) is var direct and not 0)
            throw ParleyException.Invalid("conversationIds", $"Conversation {direct} is a direct conversation; webhooks follow groups and channels only.");
        return distinct;
    }

    private static List<string> TriggerWords(IReadOnlyList<string>? words)
    {
        var list = (words ?? []).Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count > MaxTriggerWords || list.Any(w => w.Length > MaxTriggerWordLength))
            throw ParleyException.Invalid("triggerWords", $"At most {MaxTriggerWords} trigger words of at most {MaxTriggerWordLength} characters.");
        return list;
    }
}
