using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Realtime;
using Parley.Server.Storage;

namespace Parley.Server.Features.Service;

/// <summary>
/// The agents' work (service.agent; holders of service.manage see every queue): queues with live counts, the
/// conversations of their queues, accept (the first agent wins, 409 for the others), transfer, close, notes, stats.
/// A conversation outside the caller's queues does not exist for them (404).
/// </summary>
public sealed class ServiceDesk(ServiceStore store, ServiceRouter router, ServiceNotices notices, WriteQueue writer, PresenceTracker presence,
    IOptionsMonitor<ServiceOptions> options)
{
    private static void RequireAgent(Actor actor)
    {
        if (!actor.Has(Contracts.Permissions.ServiceAgent)) actor.Require(Contracts.Permissions.ServiceManage);
    }

    /// <summary>The queues the caller works (null: all, for holders of service.manage).</summary>
    private async Task<IReadOnlyList<long>?> QueuesOfAsync(Actor actor) =>
        actor.Has(Contracts.Permissions.ServiceManage) ? null : await store.QueuesOfAgentAsync(actor.UserId!.Value);

    public async Task<IReadOnlyList<ServiceQueueDto>> QueuesAsync(Actor actor)
    {
        RequireAgent(actor);
        var mine = await QueuesOfAsync(actor);
        var queues = (await store.QueuesAsync()).Where(q => mine is null || mine.Contains(q.Id)).ToList();
        var agents = (await store.AgentsAsync()).Where(a => queues.Any(q => q.Id == a.QueueId)).ToList();
        var online = agents.Count == 0 ? new HashSet<long>()
            : (await presence.GetManyAsync(agents.Select(a => a.UserId).Distinct().ToList())).Where(p => p.Status != PresenceStatus.Offline).Select(p => p.UserId).ToHashSet();
        var counts = (await store.CountsAsync()).ToDictionary(c => c.QueueId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return queues.Select(q =>
        {
            var c = counts.GetValueOrDefault(q.Id);
            return new ServiceQueueDto(q.Id, q.Name, q.Routing, (int)(c?.Waiting ?? 0), (int)(c?.Assigned ?? 0),
                c?.OldestWaiting is { } oldest ? Math.Max(0, (now - oldest) / 1000) : 0,
                agents.Where(a => a.QueueId == q.Id).Select(a => new ServiceAgentDto(a.UserId, a.DisplayName, (int)a.Capacity, (int)a.Open, online.Contains(a.UserId), a.Skills)).ToList());
        }).ToList();
    }

    public async Task<IReadOnlyList<ServiceConversationDto>> ConversationsAsync(Actor actor, string? state, bool mine)
    {
        RequireAgent(actor);
        if (state is not null && !ServiceStates.All.Contains(state)) throw ParleyException.Invalid("state", "state is bot, waiting, assigned or closed.");
        var rows = await store.ConversationsAsync(mine ? null : await QueuesOfAsync(actor), state, mine ? actor.UserId : null, 200);
        return rows.Select(r => r.ToDto()).ToList();
    }

    public async Task<ServiceConversationDto> GetAsync(Actor actor, long id)
    {
        RequireAgent(actor);
        return (await VisibleAsync(actor, id)).ToDto();
    }

    /// <summary>The conversation if the caller may see it: a manager, an agent of its queue, or the agent who holds, is offered or hands it over.</summary>
    private async Task<ServiceStore.ConversationRow> VisibleAsync(Actor actor, long id)
    {
        var row = await store.ConversationAsync(id);
        var me = actor.UserId;
        if (row is null || !(actor.Has(Contracts.Permissions.ServiceManage) || row.AgentUserId == me || row.OfferedTo == me || row.PreviousAgentId == me
            || (me is { } u && await store.IsAgentAsync(row.QueueId, u))))
            throw ParleyException.NotFound("The service conversation");
        return row;
    }

    public async Task<ServiceConversationDto> AcceptAsync(Actor actor, long id)
    {
        RequireAgent(actor);
        var me = actor.UserId!.Value;
        var before = await VisibleAsync(actor, id);
        var online = await router.OnlineAsync(before.QueueId);
        var (row, accepted) = await writer.ExecuteAsync(w =>
        {
            var current = ServiceStore.GetConversation(w, id)!;
            if (current.State == ServiceStates.Assigned && current.AgentUserId == me) return (current, false); // a retry
            if (current.OfferedTo != me && !ServiceStore.IsAgent(w.Connection, w.Transaction, current.QueueId, me))
                throw ParleyException.Forbidden("Only an agent of this conversation's queue (or the agent it is offered to) may accept it.");
            if (current.State == ServiceStates.Closed) throw ParleyException.Conflict("The conversation is closed.");
            if (!ServiceStore.TryAssign(w, id, me))
                throw new ParleyException(409, ErrorCodes.ServiceAlreadyAssigned, "Another agent accepted this conversation first.");
            ConversationService.Join(w, id, me, MemberRoles.Member, actor: me);
            if (current.PreviousAgentId is { } previous && previous != me) ConversationService.Leave(w, id, previous, actor: me);
            ServiceRouter.LogState(w, id, me);
            ServiceRouter.Updated(w, id, current.OfferedTo is { } offered && offered != me ? [offered] : null);
            // The agent's place is taken; someone else may now be offered what was offered to them before.
            if (current.OfferedTo is { } other && other != me) ServiceRouter.OfferWaiting(w, current.QueueId, online, options.CurrentValue.SkillFallback);
            return (ServiceStore.GetConversation(w, id)!, true);
        });
        if (accepted) await notices.AgentJoinedAsync(row, me);
        return row.ToDto();
    }

    public async Task<ServiceConversationDto> TransferAsync(Actor actor, long id, TransferServiceConversationRequest request)
    {
        RequireAgent(actor);
        var me = actor.UserId!.Value;
        if ((request.ToUserId is null) == (request.ToQueueId is null)) throw ParleyException.Invalid("toUserId", "Give exactly one of toUserId and toQueueId.");
        var before = await VisibleAsync(actor, id);
        var queueId = request.ToQueueId ?? before.QueueId;
        var online = await router.OnlineAsync(queueId);
        var row = await writer.ExecuteAsync(w =>
        {
            var current = ServiceStore.GetConversation(w, id)!;
            if (current.State == ServiceStates.Closed) throw ParleyException.Conflict("The conversation is closed.");
            if (current.AgentUserId != me && !actor.Has(Contracts.Permissions.ServiceManage))
                throw ParleyException.Forbidden("Only the agent who holds the conversation (or a service manager) may transfer it.");
            if (ServiceStore.GetQueue(w, queueId) is null) throw ParleyException.Invalid("toQueueId", "toQueueId names no queue.");
            if (request.ToUserId is { } to)
            {
                if (to == current.AgentUserId) throw ParleyException.Invalid("toUserId", "The conversation is already theirs.");
                if (!ServiceStore.IsAgent(w.Connection, w.Transaction, queueId, to) || UserStore.Get(w, to) is not { IsActive: true })
                    throw ParleyException.Invalid("toUserId", "toUserId is not an agent of this conversation's queue.");
            }
            var oldQueueAgents = ServiceStore.AgentIds(w, current.QueueId);
            ServiceStore.SetWaiting(w, id, queueId, current.AgentUserId ?? current.PreviousAgentId);
            if (request.ToUserId is { } target)
            {
                ServiceStore.SetOffer(w, id, target);
                ServiceStore.MarkOffered(w, queueId, target);
                var data = new ServiceConversationEventData(ServiceStore.GetConversation(w, id)!.ToDto());
                w.PublishToUsers([target], new EventDto(ServiceEventTypes.Offered, 0, null, data, UnixMs.To(w.NowMs)));
            }
            else ServiceRouter.Offer(w, id, online, except: current.AgentUserId);
            ServiceRouter.LogState(w, id, me);
            ServiceRouter.Updated(w, id, oldQueueAgents);
            return ServiceStore.GetConversation(w, id)!;
        });
        return row.ToDto();
    }

    public async Task<ServiceConversationDto> CloseAsync(Actor actor, long id, CloseServiceConversationRequest request)
    {
        RequireAgent(actor);
        var me = actor.UserId!.Value;
        var summary = ServiceSetup.Optional(request.Summary, "summary", options.CurrentValue.MaxTextChars);
        var before = await VisibleAsync(actor, id);
        var online = await router.OnlineAsync(before.QueueId);
        var row = await writer.ExecuteAsync(w =>
        {
            var current = ServiceStore.GetConversation(w, id)!;
            if (current.AgentUserId != me && current.OfferedTo != me && !actor.Has(Contracts.Permissions.ServiceManage)
                && !ServiceStore.IsAgent(w.Connection, w.Transaction, current.QueueId, me))
                throw ParleyException.Forbidden("Only an agent of this conversation's queue may close it.");
            if (!ServiceStore.Close(w, id, summary)) throw ParleyException.Conflict("The conversation is closed already.");
            ServiceRouter.LogState(w, id, me);
            ServiceRouter.Updated(w, id);
            ServiceRouter.OfferWaiting(w, current.QueueId, online, options.CurrentValue.SkillFallback); // a place is free again
            return ServiceStore.GetConversation(w, id)!;
        });
        return row.ToDto();
    }

    public async Task<IReadOnlyList<ServiceNoteDto>> NotesAsync(Actor actor, long id)
    {
        RequireAgent(actor);
        await VisibleAsync(actor, id);
        return await store.NotesAsync(id);
    }

    public async Task<IReadOnlyList<ServiceNoteDto>> AddNoteAsync(Actor actor, long id, CreateServiceNoteRequest request)
    {
        RequireAgent(actor);
        var text = ServiceSetup.Optional(request.Text, "text", options.CurrentValue.MaxTextChars) ?? throw ParleyException.Invalid("text", "A note needs text.");
        await VisibleAsync(actor, id);
        await writer.ExecuteAsync(w => ServiceStore.InsertNote(w, id, actor.UserId!.Value, text));
        return await store.NotesAsync(id);
    }

    public async Task<ServiceStatsDto> StatsAsync(Actor actor)
    {
        RequireAgent(actor);
        var dayStart = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var s = await store.StatsAsync(await QueuesOfAsync(actor), dayStart);
        return new ServiceStatsDto((int)s.Waiting, (int)s.Assigned, (int)s.ClosedToday, (long)Math.Round((s.AverageWaitMs ?? 0) / 1000),
            new ServiceCsatDto((int)s.Rated, s.AverageRating is { } a ? Math.Round(a, 2) : null));
    }
}
