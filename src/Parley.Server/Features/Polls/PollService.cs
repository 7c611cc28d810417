using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Polls;

/// <summary>
/// Polls and sign-up chains (接龙). A poll is a message of its conversation (its text is the question, so search,
/// notifications and older clients see it) with rows of its own. Votes and sign-ups check membership inside the
/// write, are refused once the poll is closed (409 poll_closed, also when closesAt has passed: checked at the write,
/// no job needed), and log a poll.updated event carrying the new summary, which names no voter of an anonymous poll.
/// The caller's own choice goes only to the caller's devices (poll.mine) and to <see cref="GetAsync"/> / <see cref="MineAsync"/>.
/// </summary>
public sealed class PollService(
    PollStore store, MessageService messages, ConversationService conversations, WriteQueue writer, TextPipeline pipeline,
    SendRateLimiter rate, TimeProvider time)
{
    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<MessageDto> CreateAsync(long userId, long conversationId, CreatePollRequest request)
    {
        await conversations.RequireMemberAsync(userId, conversationId);
        var draft = PollRules.Validate(request, NowMs);
        var options = new List<ScreenedText>();
        foreach (var option in draft.Options)
            options.Add(await pipeline.ScreenAsync(new TextCandidate(TextKind.PollOption, option, userId, conversationId)));
        // The question is the message's text: it passes the message filters (limits, send rate, sensitive words) there.
        return await messages.SendAsync(userId, conversationId, new SendMessageRequest(draft.Question, request.ClientMsgId, null, null), poll: (w, message) =>
        {
            var pollId = PollStore.Insert(w, message.Id, conversationId, draft.Kind, message.Text, draft.Multiple, draft.Anonymous, userId, draft.ClosesAt);
            for (var i = 0; i < options.Count; i++)
            {
                PollStore.InsertOption(w, pollId, i, options[i].Text);
                options[i].RecordFlags(w, conversationId, message.Id);
            }
            var p = PollStore.Get(w, pollId)!;
            return PollSummary.ToDto(PollStore.Load(w, p), p, w.NowMs);
        });
    }

    public async Task<PollDetailDto> VoteAsync(long userId, long pollId, long[]? optionIds)
    {
        var ids = PollRules.VoteIds(optionIds);
        await rate.AcquireAsync(userId);
        return await writer.ExecuteAsync(w =>
        {
            var (p, _) = LoadOpen(w, userId, pollId);
            if (p.Kind != PollKinds.Poll) throw ParleyException.Invalid("optionIds", "This is a sign-up chain: sign up instead of voting.");
            if (!p.Multiple && ids.Length > 1) throw ParleyException.Invalid("optionIds", "This poll takes one option.");
            var known = PollStore.OptionIds(w, p.Id);
            if (ids.Any(id => !known.Contains(id))) throw ParleyException.Invalid("optionIds", "optionIds must name options of this poll.");
            var before = PollStore.VotesOf(w, p.Id, userId);
            if (before.Order().SequenceEqual(ids.Order())) return Detail(w, p, userId);
            PollStore.ReplaceVotes(w, p.Id, userId, ids);
            return Changed(w, p, userId);
        });
    }

    public async Task<PollDetailDto> SignUpAsync(long userId, long pollId, string? text, bool edit)
    {
        var clean = PollRules.SignupText(text);
        var conversationId = (await store.FindAsync(pollId))?.ConversationId ?? 0; // for per-conversation filter rules; authorization is in the write
        var screened = await pipeline.ScreenAsync(new TextCandidate(TextKind.PollSignup, clean, userId, conversationId));
        await rate.AcquireAsync(userId);
        return await writer.ExecuteAsync(w =>
        {
            var (p, _) = LoadOpen(w, userId, pollId);
            if (p.Kind != PollKinds.Signup) throw ParleyException.Invalid("text", "This is a poll: vote instead of signing up.");
            if (edit)
            {
                if (!PollStore.EditSignup(w, p.Id, userId, screened.Text)) throw ParleyException.NotFound("Your sign-up");
            }
            else
            {
                if (PollStore.SignupCount(w, p.Id) >= PollRules.MaxSignups)
                    throw ParleyException.Conflict($"A sign-up chain takes at most {PollRules.MaxSignups} entries.");
                if (!PollStore.AddSignup(w, p.Id, userId, screened.Text))
                    throw ParleyException.Conflict("You are already in this chain: edit your entry instead.");
            }
            screened.RecordFlags(w, p.ConversationId, p.MessageId);
            return Changed(w, p, userId);
        });
    }

    public Task<PollDetailDto> RemoveSignupAsync(long userId, long pollId) =>
        writer.ExecuteAsync(w =>
        {
            var (p, _) = LoadOpen(w, userId, pollId);
            if (!PollStore.RemoveSignup(w, p.Id, userId)) throw ParleyException.NotFound("Your sign-up");
            return Changed(w, p, userId);
        });

    /// <summary>The creator or the conversation's owners and admins close a poll; closing a closed one changes nothing.</summary>
    public Task<PollDetailDto> CloseAsync(long userId, long pollId) =>
        writer.ExecuteAsync(w =>
        {
            var (p, c) = LoadForMember(w, userId, pollId);
            if (p.CreatedBy != userId && !ConversationService.IsManager(c))
                throw ParleyException.Forbidden("Only the poll's creator or the conversation's owners and admins may close it.");
            if (p.EffectiveClosedAt(w.NowMs) is not null) return Detail(w, p, userId);
            ConversationService.RequireWritable(c);
            PollStore.Close(w, p.Id, userId);
            return Changed(w, PollStore.Get(w, p.Id)!, userId);
        });

    public async Task<PollDetailDto> GetAsync(long userId, long pollId)
    {
        var p = await store.FindAsync(pollId);
        if (p is null || await conversations.RequireMemberOrNullAsync(userId, p.ConversationId) is null) throw ParleyException.NotFound("The poll");
        return Detail(await store.LoadAsync(p), p, userId, NowMs);
    }

    /// <summary>The caller's choices in these polls; polls the caller cannot see are left out.</summary>
    public async Task<IReadOnlyList<MyPollStateDto>> MineAsync(long userId, long[] pollIds)
    {
        if (pollIds.Length > 200) throw ParleyException.Invalid("ids", "Ask for at most 200 polls at once.");
        return (await store.MineAsync(userId, pollIds)).GroupBy(r => r.PollId).Select(g =>
        {
            var first = g.First();
            return new MyPollStateDto(g.Key, first.MessageId, first.ConversationId,
                [.. g.Where(r => r.OptionId is not null).Select(r => r.OptionId!.Value).Distinct()], first.SignedUp);
        }).ToList();
    }

    private static (PollRecord, ConversationRecord) LoadForMember(WriteContext w, long userId, long pollId)
    {
        var p = PollStore.Get(w, pollId) ?? throw ParleyException.NotFound("The poll");
        var c = ConversationStore.Find(w, p.ConversationId, userId);
        if (c?.Role is null) throw ParleyException.NotFound("The poll");
        return (p, c);
    }

    private static (PollRecord, ConversationRecord) LoadOpen(WriteContext w, long userId, long pollId)
    {
        var (p, c) = LoadForMember(w, userId, pollId);
        ConversationService.RequireWritable(c);
        if (p.EffectiveClosedAt(w.NowMs) is not null) throw new ParleyException(409, ErrorCodes.PollClosed, "The poll is closed.");
        return (p, c);
    }

    /// <summary>
    /// Logs poll.updated with the new summary for every member (an anonymous poll's event names no actor), sends the
    /// caller's own state to their devices, and returns the caller's detail from the same rows.
    /// </summary>
    private static PollDetailDto Changed(WriteContext w, PollRecord p, long userId)
    {
        var set = PollStore.Load(w, p);
        var summary = PollSummary.ToDto(set, p, w.NowMs);
        EventLog.AppendAndPublish(w, p.ConversationId, EventTypes.PollUpdated, p.Anonymous ? 0 : userId, p.MessageId, new PollEventData(p.MessageId, summary));
        var mine = new MyPollStateDto(p.Id, p.MessageId, p.ConversationId, [.. set.Votes[p.Id].Where(v => v.UserId == userId).Select(v => v.OptionId)],
            set.Signups[p.Id].Any(s => s.UserId == userId));
        w.PublishToUsers([userId], new EventDto(EventTypes.PollMine, p.ConversationId, null, mine, UnixMs.To(w.NowMs)));
        return Detail(set, p, userId, w.NowMs);
    }

    private static PollDetailDto Detail(WriteContext w, PollRecord p, long userId) => Detail(PollStore.Load(w, p), p, userId, w.NowMs);

    private static PollDetailDto Detail(PollSet set, PollRecord p, long userId, long nowMs) =>
        new(PollSummary.ToDto(set, p, nowMs, int.MaxValue),
            [.. set.Votes[p.Id].Where(v => v.UserId == userId).Select(v => v.OptionId)],
            set.Signups[p.Id].FirstOrDefault(s => s.UserId == userId) is { } mine ? PollSummary.Entry(mine) : null);
}
