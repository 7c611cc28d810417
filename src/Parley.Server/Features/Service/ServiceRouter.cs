using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Realtime;
using Parley.Server.Storage;

namespace Parley.Server.Features.Service;

/// <summary>
/// Routing and the service events. When a conversation starts waiting it is offered to one agent of its queue with a
/// free place (capacity minus assigned and offered conversations): online agents first, then round robin (the agent
/// offered longest ago) or least busy (fewest open, then longest ago). A conversation with required skills goes only
/// to an online agent holding all of them, until it has waited Parley:Service:SkillFallbackSeconds: then to any agent
/// with a place (skilled ones first). Nobody suitable: it stays unoffered; <see cref="OfferWaiting"/> tries again when
/// a place frees up and on every <see cref="ServiceRoutingSweep"/>. Every state change is logged on the conversation
/// (<c>service.state</c>, which the visitor's widget follows) and sent to the queue's agents (<c>service.updated</c>);
/// an offer also goes to the chosen agent (<c>service.offered</c>).
/// </summary>
public sealed class ServiceRouter(ServiceStore store, PresenceTracker presence)
{
    /// <summary>Which agents of the queue have a live connection (read before the write: presence is not in the database).</summary>
    public async Task<IReadOnlySet<long>> OnlineAsync(long queueId)
    {
        var ids = await store.AgentIdsAsync(queueId);
        if (ids.Count == 0) return new HashSet<long>();
        return (await presence.GetManyAsync(ids)).Where(p => p.Status != PresenceStatus.Offline).Select(p => p.UserId).ToHashSet();
    }

    /// <summary>
    /// Offers a waiting conversation to one agent (or nobody when no place suits it); returns the agent.
    /// <paramref name="skillFallback"/>: Parley:Service:SkillFallbackSeconds, when the conversation may have waited
    /// that long (null or zero: required skills hold, as for a conversation that has just started waiting).
    /// </summary>
    public static long? Offer(WriteContext w, long conversationId, IReadOnlySet<long> online, long? except = null, TimeSpan? skillFallback = null)
    {
        var row = ServiceStore.GetConversation(w, conversationId)!;
        var queue = ServiceStore.GetQueue(w, row.QueueId);
        var free = ServiceStore.Agents(w, row.QueueId).Where(a => a.Open < a.Capacity && a.UserId != except).ToList();
        var required = row.RequiredSkills;
        bool Skilled(ServiceStore.AgentRow a) => ServiceSkills.Covers(a.Skills, required);
        var candidates = free;
        if (required.Count > 0)
        {
            var skilled = free.Where(a => online.Contains(a.UserId) && Skilled(a)).ToList();
            var waitedMs = w.NowMs - (row.WaitingSince ?? row.CreatedAt);
            var fallenBack = skillFallback is { } fallback && fallback > TimeSpan.Zero && waitedMs >= fallback.TotalMilliseconds;
            if (skilled.Count > 0 || !fallenBack) candidates = skilled;
        }
        var ordered = candidates.OrderByDescending(a => online.Contains(a.UserId)).ThenByDescending(Skilled);
        ordered = queue?.Routing == ServiceRouting.LeastBusy
            ? ordered.ThenBy(a => a.Open).ThenBy(a => a.LastOfferedAt)
            : ordered.ThenBy(a => a.LastOfferedAt);
        var chosen = ordered.ThenBy(a => a.UserId).FirstOrDefault();
        if (chosen?.UserId != row.OfferedTo) ServiceStore.SetOffer(w, conversationId, chosen?.UserId);
        if (chosen is null) return null;
        ServiceStore.MarkOffered(w, row.QueueId, chosen.UserId);
        var data = new ServiceConversationEventData(ServiceStore.GetConversation(w, conversationId)!.ToDto());
        w.PublishToUsers([chosen.UserId], new EventDto(ServiceEventTypes.Offered, 0, null, data, UnixMs.To(w.NowMs)));
        return chosen.UserId;
    }

    /// <summary>
    /// Offers the queue's unoffered waiting conversations, oldest first, while an agent has a free place (after a place
    /// frees up, and on the routing sweep). One that no free agent suits (its skills) is passed over for the next.
    /// </summary>
    public static void OfferWaiting(WriteContext w, long queueId, IReadOnlySet<long> online, TimeSpan skillFallback)
    {
        foreach (var row in ServiceStore.Unoffered(w, queueId))
        {
            if (!ServiceStore.Agents(w, queueId).Any(a => a.Open < a.Capacity)) return; // every place is taken
            if (Offer(w, row.ConversationId, online, skillFallback: skillFallback) is not null) Updated(w, row.ConversationId);
        }
    }

    /// <summary>Logs the state on the conversation (the widget follows it through the hub).</summary>
    public static void LogState(WriteContext w, long conversationId, long actorId)
    {
        var row = ServiceStore.GetConversation(w, conversationId)!;
        EventLog.AppendAndPublish(w, conversationId, ServiceEventTypes.State, actorId, null, new ServiceStateEventData(row.State, row.AgentUserId));
    }

    /// <summary>Tells the queue's agents (and whoever holds, is offered or hands over the conversation, and <paramref name="also"/>) what it is now.</summary>
    public static void Updated(WriteContext w, long conversationId, IEnumerable<long>? also = null)
    {
        var row = ServiceStore.GetConversation(w, conversationId)!;
        var users = ServiceStore.AgentIds(w, row.QueueId).Concat(new[] { row.AgentUserId, row.OfferedTo, row.PreviousAgentId }.OfType<long>())
            .Concat(also ?? []).ToHashSet();
        if (users.Count == 0) return;
        w.PublishToUsers(users, new EventDto(ServiceEventTypes.Updated, 0, null, new ServiceConversationEventData(row.ToDto()), UnixMs.To(w.NowMs)));
    }
}
