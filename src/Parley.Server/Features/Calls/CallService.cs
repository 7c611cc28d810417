using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Calls.Sfu;
using Parley.Server.Features.Conversations;
using Parley.Server.Realtime;
using Parley.Server.Storage;

namespace Parley.Server.Features.Calls;

/// <summary>
/// Voice and video calls (issue 15). A call belongs to a conversation; its members may read it, start it, join it;
/// nobody else learns it exists (404). State lives in <c>calls</c>/<c>call_participants</c> and changes through the
/// writer, so every node sees the same call; the conversation's log gets <c>call.started</c> and <c>call.ended</c>
/// (outcome, duration, participants), which is how the call records reach history and every member. Ringing, state
/// changes and signalling are user-addressed and not logged (<see cref="IEventBus.PublishToUsers"/>: every tab, every
/// node). A call ends when its last participant leaves (in a direct conversation, when either leaves), when every
/// callee declined, missed or was busy, or when the sweep finds its participants gone (<see cref="CallSweepJob"/>).
/// </summary>
public sealed class CallService(
    CallStore store, ConversationService conversations, WriteQueue writer, IEventBus bus, ISfuRooms sfu,
    IOptionsMonitor<CallsOptions> options, ILogger<CallService> logger)
{
    private CallsOptions O => options.CurrentValue;

    /// <summary>What a write leaves for after its commit: the SFU calls (never made inside the database transaction).</summary>
    private sealed class After
    {
        public List<(SfuRoom Room, SfuGrant Grant)> Revoke { get; } = [];
        public List<SfuRoom> Destroy { get; } = [];
    }

    public async Task<CallDto> StartAsync(long userId, long conversationId, StartCallRequest request)
    {
        var media = request.Media is CallMedia.Audio or CallMedia.Video ? request.Media
            : throw ParleyException.Invalid("media", "media must be \"audio\" or \"video\".");
        var (call, _) = await writer.ExecuteAsync(w =>
        {
            var c = ConversationService.RequireMember(w, userId, conversationId);
            ConversationService.RequireWritable(c);
            if (CallStore.Running(w, conversationId) is { } running)
                throw new ParleyException(409, CallErrorCodes.AlreadyRunning, $"Call {running.Id} is already running in this conversation; join it instead.")
                {
                    Extensions = new Dictionary<string, object> { ["callId"] = running.Id },
                };
            var members = CallStore.ActiveMembers(w, conversationId);
            var sfuCall = members.Count > O.PeerToPeerMaxParticipants && sfu.Enabled;
            var topology = sfuCall ? CallTopologies.Sfu : CallTopologies.PeerToPeer;
            var max = sfuCall ? O.SfuMaxParticipants : O.PeerToPeerMaxParticipants;
            var id = CallStore.Insert(w, conversationId, media, topology, userId, max, w.NowMs + (long)O.RingTimeout.TotalMilliseconds);
            var others = members.Where(m => m != userId).ToList();
            var busy = CallStore.InACall(w, others);
            CallStore.AddParticipant(w, id, userId, CallParticipantStates.Joined);
            foreach (var m in others) CallStore.AddParticipant(w, id, m, busy.Contains(m) ? CallParticipantStates.Busy : CallParticipantStates.Ringing);
            var row = CallStore.Find(w, id)!;
            EventLog.AppendAndPublish(w, conversationId, CallEventTypes.Started, userId, null, new CallEventData(id, media, topology, userId, null, null, null));
            var ringing = others.Where(m => !busy.Contains(m)).ToList();
            if (others.Count > 0 && ringing.Count == 0) return (End(w, row, CallOutcomes.Busy, new After()), ringing);
            var dto = CallStore.ToDto(row, CallStore.Participants(w, id));
            if (ringing.Count > 0) w.PublishToUsers(ringing, new EventDto(CallEventTypes.Ring, conversationId, null, new CallRingData(dto), UnixMs.To(w.NowMs)));
            return (dto, ringing);
        });
        CallsLog.Started(logger, call.Id, conversationId, call.Topology, call.Participants.Count);
        if (call.Topology != CallTopologies.Sfu || call.EndedAt is not null) return call;
        try
        {
            var room = await sfu.CreateAsync(call.Id, call.MaxParticipants, CancellationToken.None);
            await writer.ExecuteAsync(w => { CallStore.SetSfuRoom(w, call.Id, room.RoomId, room.Secret); return 0; });
            return call;
        }
        catch (Exception ex)
        {
            // JanusSfuRooms already answers 503 sfu_unavailable; either way the call without a room must not stay running.
            CallsLog.SfuFailed(logger, call.Id, ex);
            await writer.ExecuteAsync(w => CallStore.Find(w, call.Id) is { Running: true } row ? End(w, row, CallOutcomes.Cancelled, new After()) : null);
            throw ex as ParleyException ?? new ParleyException(503, ErrorCodes.SfuUnavailable, "The SFU could not make a room for this call; try again shortly.", TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>A member joins (answers, or joins a running group call); idempotent for one who joined already.</summary>
    public async Task<CallJoinDto> JoinAsync(long userId, long callId)
    {
        var call = await writer.ExecuteAsync(w =>
        {
            var row = LoadForMember(w, userId, callId);
            if (!row.Running) throw new ParleyException(409, CallErrorCodes.Ended, "The call has ended.");
            var participants = CallStore.Participants(w, callId);
            var me = participants.FirstOrDefault(p => p.UserId == userId);
            if (me?.State == CallParticipantStates.Joined)
            {
                CallStore.Seen(w, callId, userId);
                return CallStore.ToDto(row, participants);
            }
            if (participants.Count(p => p.State == CallParticipantStates.Joined) >= row.MaxParticipants)
                throw new ParleyException(409, CallErrorCodes.Full, $"The call has its maximum of {row.MaxParticipants} participants.");
            CallStore.AddParticipant(w, callId, userId, CallParticipantStates.Joined);
            if (userId != row.StartedBy) CallStore.Answered(w, callId);
            w.PublishToUsers([userId], new EventDto(CallEventTypes.RingStopped, row.ConversationId, null, new CallRingData(CallStore.ToDto(row, participants)), UnixMs.To(w.NowMs)));
            return Changed(w, CallStore.Find(w, callId)!);
        });
        if (call.Topology != CallTopologies.Sfu) return new CallJoinDto(call, null);
        var found = await store.FindAsync(callId);
        if (found is not { Call.SfuRoomId: { } roomId, Call.SfuSecret: { } secret }) throw new ParleyException(503, ErrorCodes.Unavailable, "The call's SFU room is not ready; try again.", TimeSpan.FromSeconds(1));
        var grant = await sfu.AdmitAsync(new SfuRoom(roomId, secret), userId, CancellationToken.None);
        await writer.ExecuteAsync(w => { CallStore.SetSfuToken(w, callId, userId, grant.Token); return 0; });
        return new CallJoinDto(call, new SfuJoinDto(grant.ClientUrl, grant.RoomId, grant.Token));
    }

    /// <summary>A callee declines (every tab stops ringing). A call nobody answered ends as declined when nobody rings any more.</summary>
    public Task<CallDto> DeclineAsync(long userId, long callId) =>
        RunAsync(userId, callId, (w, row, after) =>
        {
            var me = CallStore.Participants(w, callId).FirstOrDefault(p => p.UserId == userId);
            if (!row.Running || me?.State != CallParticipantStates.Ringing) return CallStore.ToDto(row, CallStore.Participants(w, callId));
            CallStore.SetState(w, callId, userId, CallParticipantStates.Declined);
            StopRinging(w, row, [userId]);
            return Settle(w, row, after, CallOutcomes.Declined);
        });

    /// <summary>A participant hangs up. The last one out ends the call; in a direct conversation either one does.</summary>
    public Task<CallDto> LeaveAsync(long userId, long callId) =>
        RunAsync(userId, callId, (w, row, after) => row.Running ? Drop(w, row, userId, after) : CallStore.ToDto(row, CallStore.Participants(w, callId)));

    public async Task<CallDto> GetAsync(long userId, long callId)
    {
        var found = await store.FindAsync(callId);
        if (found is not { } f || await conversations.RequireMemberOrNullAsync(userId, f.Call.ConversationId) is null) throw ParleyException.NotFound("The call");
        return CallStore.ToDto(f.Call, f.Participants);
    }

    public Task<IReadOnlyList<CallDto>> RunningAsync(long userId) => store.RunningForUserAsync(userId);

    /// <summary>The conversation's latest 50 calls, newest first (members only).</summary>
    public async Task<IReadOnlyList<CallDto>> RecentAsync(long userId, long conversationId)
    {
        await conversations.RequireMemberAsync(userId, conversationId);
        return await store.RecentAsync(conversationId, 50);
    }

    /// <summary>A joined participant's client says it is still there; 409 when it is not in the call any more.</summary>
    public Task HeartbeatAsync(long userId, long callId) =>
        writer.ExecuteAsync(w =>
        {
            var row = LoadForMember(w, userId, callId);
            if (!row.Running || !CallStore.Seen(w, callId, userId)) throw new ParleyException(409, CallErrorCodes.NotJoined, "You are not in this call.");
            return 0;
        });

    /// <summary>
    /// Relays an offer, answer or ICE candidate to one other participant. Both must have joined the running call; a
    /// non-member of the conversation learns nothing (404). Not logged: signalling is ephemeral.
    /// </summary>
    public async Task SignalAsync(long userId, long callId, long toUserId, string? kind, string? payload)
    {
        if (kind is not (CallSignalKinds.Offer or CallSignalKinds.Answer or CallSignalKinds.Candidate))
            throw ParleyException.Invalid("kind", "kind must be offer, answer or candidate.");
        if (string.IsNullOrEmpty(payload) || payload.Length > O.MaxSignalBytes)
            throw ParleyException.Invalid("payload", $"payload must be 1–{O.MaxSignalBytes} characters.");
        var found = await store.FindAsync(callId);
        if (found is not { } f || await conversations.RequireMemberOrNullAsync(userId, f.Call.ConversationId) is null) throw ParleyException.NotFound("The call");
        if (!f.Call.Running) throw new ParleyException(409, CallErrorCodes.Ended, "The call has ended.");
        bool Joined(long u) => f.Participants.Any(p => p.UserId == u && p.State == CallParticipantStates.Joined);
        if (!Joined(userId) || toUserId == userId || !Joined(toUserId))
            throw new ParleyException(409, CallErrorCodes.NotJoined, "Signals go between two participants who joined the call.");
        bus.PublishToUsers([toUserId], new EventDto(CallEventTypes.Signal, f.Call.ConversationId, null, new CallSignalData(callId, userId, kind, payload), DateTimeOffset.UtcNow));
    }

    /// <summary>
    /// The sweep's work on one call (on the node holding the lease): callees still ringing after the ring timeout
    /// missed it; joined participants silent for <see cref="CallsOptions.ParticipantTimeout"/> left (tab gone, node dead).
    /// </summary>
    public async Task SweepAsync(long callId)
    {
        var silentBefore = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)O.ParticipantTimeout.TotalMilliseconds;
        var after = new After();
        await writer.ExecuteAsync(w =>
        {
            if (CallStore.Find(w, callId) is not { Running: true } row) return 0;
            var participants = CallStore.Participants(w, callId);
            if (row.RingUntil <= w.NowMs && participants.Where(p => p.State == CallParticipantStates.Ringing).Select(p => p.UserId).ToList() is { Count: > 0 } missed)
            {
                foreach (var u in missed) CallStore.SetState(w, callId, u, CallParticipantStates.Missed);
                StopRinging(w, row, missed);
                CallsLog.Missed(logger, callId, missed.Count);
            }
            foreach (var silent in participants.Where(p => p.State == CallParticipantStates.Joined && p.SeenAt < silentBefore))
            {
                CallsLog.Silent(logger, callId, silent.UserId);
                if (CallStore.Find(w, callId) is { Running: true } now) Drop(w, now, silent.UserId, after);
            }
            if (CallStore.Find(w, callId) is { Running: true } still) Settle(w, still, after, CallOutcomes.Missed);
            return 0;
        });
        await AfterAsync(after);
    }

    /// <summary>A member left or was removed from the conversation: they leave its running call at once (<see cref="CallMemberLeft"/>).</summary>
    public async Task MemberLeftAsync(long conversationId, long userId)
    {
        var after = new After();
        await writer.ExecuteAsync(w =>
        {
            foreach (var callId in CallStore.RunningIn(w, conversationId, userId))
            {
                var row = CallStore.Find(w, callId)!;
                if (CallStore.Participants(w, callId).FirstOrDefault(p => p.UserId == userId)?.State == CallParticipantStates.Ringing)
                {
                    CallStore.SetState(w, callId, userId, CallParticipantStates.Missed);
                    StopRinging(w, row, [userId]);
                    Settle(w, row, after, CallOutcomes.Missed);
                }
                else Drop(w, row, userId, after);
                CallsLog.Removed(logger, callId, userId);
            }
            return 0;
        });
        await AfterAsync(after);
    }

    // ---- inside the writer ----

    private async Task<CallDto> RunAsync(long userId, long callId, Func<WriteContext, CallStore.CallRow, After, CallDto> change)
    {
        var after = new After();
        var dto = await writer.ExecuteAsync(w => change(w, LoadForMember(w, userId, callId), after));
        await AfterAsync(after);
        return dto;
    }

    /// <summary>The call, for an active member of its conversation; 404 for anyone else (they must not learn it exists).</summary>
    private static CallStore.CallRow LoadForMember(WriteContext w, long userId, long callId)
    {
        var row = CallStore.Find(w, callId);
        if (row is null || ConversationStore.Find(w, row.ConversationId, userId)?.Role is null) throw ParleyException.NotFound("The call");
        return row;
    }

    /// <summary>A joined (or ringing) participant goes; the call ends when nobody is left, or in a direct conversation at once.</summary>
    private CallDto Drop(WriteContext w, CallStore.CallRow row, long userId, After after)
    {
        var me = CallStore.Participants(w, row.Id).FirstOrDefault(p => p.UserId == userId);
        if (me?.State == CallParticipantStates.Ringing)
        {
            CallStore.SetState(w, row.Id, userId, CallParticipantStates.Declined);
            StopRinging(w, row, [userId]);
            return Settle(w, row, after, CallOutcomes.Declined);
        }
        if (me?.State != CallParticipantStates.Joined) return CallStore.ToDto(row, CallStore.Participants(w, row.Id));
        CallStore.SetState(w, row.Id, userId, CallParticipantStates.Left);
        if (row.SfuRoomId is { } roomId && me.SfuToken is { } token)
            after.Revoke.Add((new SfuRoom(roomId, row.SfuSecret ?? ""), new SfuGrant(token, "", roomId)));
        var joined = CallStore.Participants(w, row.Id).Count(p => p.State == CallParticipantStates.Joined);
        var direct = IsDirect(w, row.ConversationId);
        if (joined == 0 || direct)
            return End(w, row, row.AnsweredAt is null ? CallOutcomes.Cancelled : CallOutcomes.Completed, after);
        return Changed(w, row, [userId]);
    }

    private static bool IsDirect(WriteContext w, long conversationId) =>
        Dapper.SqlMapper.ExecuteScalar<string>(w.Connection, "SELECT kind FROM conversations WHERE id = @conversationId", new { conversationId }, w.Transaction) == ConversationKinds.Direct;

    /// <summary>After a callee declined or missed: a call nobody answered ends when nobody rings any more and only the caller is in it.</summary>
    private CallDto Settle(WriteContext w, CallStore.CallRow row, After after, string outcome)
    {
        var participants = CallStore.Participants(w, row.Id);
        var nobodyElse = participants.All(p => p.State != CallParticipantStates.Ringing)
                         && !participants.Any(p => p.State == CallParticipantStates.Joined && p.UserId != row.StartedBy);
        if (row.AnsweredAt is null && nobodyElse) return End(w, row, outcome, after);
        return Changed(w, row);
    }

    /// <summary>Ends the call: logs <c>call.ended</c> with outcome, duration and who joined; tells every participant; the SFU room goes after commit.</summary>
    private CallDto End(WriteContext w, CallStore.CallRow row, string outcome, After after)
    {
        var before = CallStore.Participants(w, row.Id);
        if (!CallStore.End(w, row.Id, outcome)) return CallStore.ToDto(row, before);
        var ended = CallStore.Find(w, row.Id)!;
        var duration = ended.AnsweredAt is { } answered ? (int)Math.Max(0, (w.NowMs - answered) / 1000) : 0;
        var joined = before.Where(p => p.JoinedAt is not null).Select(p => p.UserId).ToList();
        EventLog.AppendAndPublish(w, row.ConversationId, CallEventTypes.Ended, row.StartedBy, null,
            new CallEventData(row.Id, row.Media, row.Topology, row.StartedBy, outcome, duration, joined));
        StopRinging(w, ended, before.Where(p => p.State == CallParticipantStates.Ringing).Select(p => p.UserId).ToList());
        if (row.SfuRoomId is { } roomId) after.Destroy.Add(new SfuRoom(roomId, row.SfuSecret ?? ""));
        CallsLog.Ended(logger, row.Id, outcome, duration);
        return Changed(w, ended, before.Select(p => p.UserId));
    }

    /// <summary>Tells every participant (joined and ringing, plus <paramref name="also"/>) the call's new state.</summary>
    private static CallDto Changed(WriteContext w, CallStore.CallRow row, IEnumerable<long>? also = null)
    {
        CallStore.Bump(w, row.Id);
        row = CallStore.Find(w, row.Id)!;
        var participants = CallStore.Participants(w, row.Id);
        var dto = CallStore.ToDto(row, participants);
        var to = participants.Where(p => p.State is CallParticipantStates.Joined or CallParticipantStates.Ringing).Select(p => p.UserId)
            .Concat(also ?? []).Distinct().ToList();
        if (to.Count > 0) w.PublishToUsers(to, new EventDto(CallEventTypes.Updated, row.ConversationId, null, new CallRingData(dto), UnixMs.To(w.NowMs)));
        return dto;
    }

    private static void StopRinging(WriteContext w, CallStore.CallRow row, IReadOnlyCollection<long> users)
    {
        if (users.Count == 0) return;
        var dto = CallStore.ToDto(row, CallStore.Participants(w, row.Id));
        w.PublishToUsers(users, new EventDto(CallEventTypes.RingStopped, row.ConversationId, null, new CallRingData(dto), UnixMs.To(w.NowMs)));
    }

    private async Task AfterAsync(After after)
    {
        foreach (var (room, grant) in after.Revoke)
        {
            try { await sfu.RevokeAsync(room, grant, CancellationToken.None); }
            catch (Exception ex) { CallsLog.SfuFailed(logger, room.RoomId, ex); }
        }
        foreach (var room in after.Destroy)
        {
            try { await sfu.DestroyAsync(room, CancellationToken.None); }
            catch (Exception ex) { CallsLog.SfuFailed(logger, room.RoomId, ex); }
        }
    }
}
