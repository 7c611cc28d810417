using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Polls;

/// <summary>Issue 20: polls posted in a conversation, voted on, closed; rules, rights and errors (both providers).</summary>
public class PollTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(Session Alice, Session Bob, Session Carol, ConversationDto Group)> GroupAsync()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "lunch", bob.Id, carol.Id);
        return (alice, bob, carol, group);
    }

    [Fact]
    public async Task SingleChoice_VoteChangeRemove_CountsAndVotersFollow()
    {
        var (alice, bob, carol, group) = await GroupAsync();
        using var res = await alice.PostPoll(group.Id, new CreatePollRequest(PollKinds.Poll, " Where to eat? ", ["Noodles", "Dumplings", "Rice"]));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var message = (await res.Content.ReadFromJsonAsync<MessageDto>(Json.Options))!;
        var poll = message.Poll!;
        Assert.Equal(("Where to eat?", "Where to eat?", PollKinds.Poll, false, false, alice.Id), (message.Text, poll.Question, poll.Kind, poll.Multiple, poll.Anonymous, poll.CreatedBy));
        Assert.Equal(["Noodles", "Dumplings", "Rice"], poll.Options.Select(o => o.Text));
        Assert.Equal($"/api/v1/polls/{poll.Id}", res.Headers.Location?.ToString());
        var (noodles, dumplings) = (poll.Options[0].Id, poll.Options[1].Id);

        var voted = await bob.VoteAsync(poll.Id, noodles);
        Assert.Equal([noodles], voted.MyOptionIds);
        Assert.Equal((1, 1), (voted.Poll.Voters, voted.Poll.Options[0].Count));
        Assert.Equal([bob.Id], voted.Poll.Options[0].VoterIds);
        await carol.VoteAsync(poll.Id, noodles);

        var changed = await bob.VoteAsync(poll.Id, dumplings);
        Assert.Equal([dumplings], changed.MyOptionIds);
        Assert.Equal([1, 1, 0], changed.Poll.Options.Select(o => o.Count));
        Assert.Equal([carol.Id], changed.Poll.Options[0].VoterIds);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await bob.StatusAsync(bob.Vote(poll.Id, noodles, dumplings)));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await bob.StatusAsync(bob.Vote(poll.Id, 999_999)));

        var removed = await bob.VoteAsync(poll.Id);
        Assert.Empty(removed.MyOptionIds);
        Assert.Equal(1, removed.Poll.Voters);
        Assert.Equal([1, 0, 0], removed.Poll.Options.Select(o => o.Count));

        // Everyone sees the same results; each sees only their own choice.
        var seenByAlice = await alice.DetailAsync(poll.Id);
        Assert.Equal((1, 0), (seenByAlice.Poll.Voters, seenByAlice.MyOptionIds.Length));
        Assert.Equal([noodles], (await carol.DetailAsync(poll.Id)).MyOptionIds);
        var mine = await carol.Ok<ListResponse<MyPollStateDto>>(carol.Http.GetAsync($"/api/v1/polls/mine?ids={poll.Id}"));
        Assert.Equal((poll.Id, message.Id, group.Id, noodles), (mine.Items.Single().PollId, mine.Items.Single().MessageId, mine.Items.Single().ConversationId, mine.Items.Single().OptionIds.Single()));
    }

    [Fact]
    public async Task Multiple_TakesSeveralOptions_VotersCountPeopleNotVotes()
    {
        var (alice, bob, carol, group) = await GroupAsync();
        var poll = await alice.CreatePollAsync(group.Id, "Which days?", ["Mon", "Tue", "Wed"], multiple: true);
        var detail = await bob.VoteAsync(poll.Id, poll.Options[0].Id, poll.Options[2].Id);
        await carol.VoteAsync(poll.Id, poll.Options[2].Id);
        detail = await alice.DetailAsync(poll.Id);
        Assert.Equal(2, detail.Poll.Voters);
        Assert.Equal([1, 0, 2], detail.Poll.Options.Select(o => o.Count));
        Assert.Equal([bob.Id, carol.Id], detail.Poll.Options[2].VoterIds);
        Assert.Equal([poll.Options[0].Id, poll.Options[2].Id], (await bob.DetailAsync(poll.Id)).MyOptionIds.Order());
    }

    [Fact]
    public async Task Anonymous_NoApiTellsAnyoneWhoVotedWhat_TheCreatorIncluded()
    {
        var (alice, bob, carol, group) = await GroupAsync();
        await using var aliceHub = _server.Hub(alice.Token);
        var aliceEvents = new EventCollector(aliceHub);
        await aliceHub.StartAsync();
        var poll = await alice.CreatePollAsync(group.Id, "Rate the offsite", ["Good", "Bad"], anonymous: true);
        await bob.VoteAsync(poll.Id, poll.Options[1].Id);
        await carol.VoteAsync(poll.Id, poll.Options[0].Id);

        var live = await aliceEvents.WaitAsync(e => e.Type == EventTypes.PollUpdated && e.Data.GetProperty("poll").GetProperty("voters").GetInt32() == 2, "both votes");
        var detail = await alice.DetailAsync(poll.Id);
        var page = (await alice.MessagesAsync(group.Id)).Single(m => m.Poll is not null).Poll!;
        var log = (await alice.Ok<ListResponse<EventDto>>(alice.Http.GetAsync($"/api/v1/conversations/{group.Id}/events?afterSeq=0"))).Items;
        var mine = await alice.Ok<ListResponse<MyPollStateDto>>(alice.Http.GetAsync($"/api/v1/polls/mine?ids={poll.Id}"));

        Assert.Equal([1, 1], detail.Poll.Options.Select(o => o.Count));
        Assert.All(detail.Poll.Options.Concat(page.Options), o => Assert.Empty(o.VoterIds));
        Assert.All(live.Data.GetProperty("poll").GetProperty("options").EnumerateArray(), o => Assert.Equal(0, o.GetProperty("voterIds").GetArrayLength()));
        var logged = log.Where(e => e.Type == EventTypes.PollUpdated).Select(e => ((JsonElement)e.Data!).Deserialize<PollEventData>(Json.Options)!).ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged.SelectMany(e => e.Poll.Options), o => Assert.Empty(o.VoterIds));
        Assert.Empty(mine.Items.Single().OptionIds);
        Assert.DoesNotContain(aliceEvents.All, e => e.Type == EventTypes.PollMine); // the voters' own states go to the voters alone
        Assert.Equal([poll.Options[1].Id], (await bob.DetailAsync(poll.Id)).MyOptionIds); // the voter still sees their own choice
    }

    [Fact]
    public async Task Close_ByCreatorOrManagers_ThenVotesAre409()
    {
        var (alice, bob, carol, group) = await GroupAsync();
        var poll = await bob.CreatePollAsync(group.Id, "Bob's poll", ["A", "B"]);
        var other = await bob.CreatePollAsync(group.Id, "Another", ["A", "B"]);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), await carol.StatusAsync(carol.Close(poll.Id)));

        var closed = await bob.Ok<PollDetailDto>(bob.Close(poll.Id));
        Assert.NotNull(closed.Poll.ClosedAt);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.PollClosed), await carol.StatusAsync(carol.Vote(poll.Id, poll.Options[0].Id)));
        Assert.Equal(closed.Poll.ClosedAt, (await bob.Ok<PollDetailDto>(bob.Close(poll.Id))).Poll.ClosedAt); // closing again changes nothing

        // The group's owner closes a member's poll.
        Assert.NotNull((await alice.Ok<PollDetailDto>(alice.Close(other.Id))).Poll.ClosedAt);
        Assert.All((await carol.MessagesAsync(group.Id)).Select(m => m.Poll!), p => Assert.NotNull(p.ClosedAt));
    }

    [Fact]
    public async Task ClosesAt_Passed_ClosesWithoutAJob_AndMustBeInTheFuture()
    {
        var (alice, bob, _, group) = await GroupAsync();
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(alice.PostPoll(group.Id,
            new CreatePollRequest(PollKinds.Poll, "Late", ["A", "B"], ClosesAt: DateTimeOffset.UtcNow.AddMinutes(-1)))));
        var closesAt = DateTimeOffset.UtcNow.AddMilliseconds(1500);
        var poll = (await alice.Ok<MessageDto>(alice.PostPoll(group.Id, new CreatePollRequest(PollKinds.Poll, "Quick", ["A", "B"], ClosesAt: closesAt)))).Poll!;
        Assert.Null(poll.ClosedAt);
        await bob.VoteAsync(poll.Id, poll.Options[0].Id);
        await Task.Delay(2000);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.PollClosed), await bob.StatusAsync(bob.Vote(poll.Id, poll.Options[1].Id)));
        var detail = await alice.DetailAsync(poll.Id);
        Assert.Equal(detail.Poll.ClosesAt, detail.Poll.ClosedAt);
        Assert.Equal(1, detail.Poll.Options[0].Count);
    }

    [Fact]
    public async Task BadInput_400WithStableCodes_NothingPosted()
    {
        var (alice, _, _, group) = await GroupAsync();
        var options21 = Enumerable.Range(1, 21).Select(i => $"o{i}").ToArray();
        CreatePollRequest[] bad =
        [
            new("quiz", "Q", ["A", "B"]),
            new(PollKinds.Poll, "", ["A", "B"]),
            new(PollKinds.Poll, new string('q', 301), ["A", "B"]),
            new(PollKinds.Poll, "Q", ["A"]),
            new(PollKinds.Poll, "Q", null),
            new(PollKinds.Poll, "Q", options21),
            new(PollKinds.Poll, "Q", ["Same", " same "]),
            new(PollKinds.Poll, "Q", ["A", " "]),
            new(PollKinds.Poll, "Q", ["A", new string('o', 101)]),
            new(PollKinds.Poll, "Q", ["A", "line\nbreak"]),
            new(PollKinds.Signup, "Q", ["A", "B"]),
            new(PollKinds.Signup, "Q", Anonymous: true),
            new(PollKinds.Poll, "Q", ["A", "B"], ClosesAt: DateTimeOffset.UtcNow.AddDays(400)),
        ];
        foreach (var request in bad)
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(alice.PostPoll(group.Id, request)));
        Assert.Equal(20, (await alice.CreatePollAsync(group.Id, "Twenty", options21[..20])).Options.Count);
        Assert.Single(await alice.MessagesAsync(group.Id));
    }

    [Fact]
    public async Task Outsider_404OnEveryRoute_AndMineLeavesThePollOut()
    {
        var (alice, _, _, group) = await GroupAsync();
        var poll = await alice.CreatePollAsync(group.Id, "Secret plans", ["A", "B"]);
        var chain = await alice.CreateChainAsync(group.Id, "Secret chain");
        var outsider = await _server.UserAsync();
        var notFound = (HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Equal(notFound, await outsider.StatusAsync(outsider.PostPoll(group.Id, new CreatePollRequest(PollKinds.Poll, "Q", ["A", "B"]))));
        Assert.Equal(notFound, await outsider.StatusAsync(outsider.Http.GetAsync($"/api/v1/polls/{poll.Id}")));
        Assert.Equal(notFound, await outsider.StatusAsync(outsider.Vote(poll.Id, poll.Options[0].Id)));
        Assert.Equal(notFound, await outsider.StatusAsync(outsider.Close(poll.Id)));
        Assert.Equal(notFound, await outsider.StatusAsync(outsider.SignUp(chain.Id, "me")));
        Assert.Equal(notFound, await outsider.StatusAsync(outsider.Http.PutAsJsonAsync($"/api/v1/polls/{chain.Id}/signups/me", new SignupRequest("me"))));
        Assert.Equal(notFound, await outsider.StatusAsync(outsider.Http.DeleteAsync($"/api/v1/polls/{chain.Id}/signups/me")));
        Assert.Equal(notFound, await outsider.StatusAsync(outsider.Http.GetAsync("/api/v1/polls/987654")));
        Assert.Empty((await outsider.Ok<ListResponse<MyPollStateDto>>(outsider.Http.GetAsync($"/api/v1/polls/mine?ids={poll.Id},{chain.Id}"))).Items);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await outsider.StatusAsync(outsider.Http.GetAsync("/api/v1/polls/mine?ids=x")));
        Assert.Equal(0, (await alice.DetailAsync(poll.Id)).Poll.Voters);
    }

    [Fact]
    public async Task PollMessage_CannotBeEdited_DeletingItTakesThePollAway()
    {
        var (alice, bob, _, group) = await GroupAsync();
        var message = await alice.Ok<MessageDto>(alice.PostPoll(group.Id, new CreatePollRequest(PollKinds.Poll, "Q", ["A", "B"], ClientMsgId: "poll-1")));
        var retried = await alice.Ok<MessageDto>(alice.PostPoll(group.Id, new CreatePollRequest(PollKinds.Poll, "Q", ["A", "B"], ClientMsgId: "poll-1")));
        Assert.Equal((message.Id, message.Poll!.Id), (retried.Id, retried.Poll!.Id)); // a retry returns the original with its poll
        await bob.VoteAsync(message.Poll.Id, message.Poll.Options[0].Id);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict), await alice.StatusAsync(alice.Http.PatchAsJsonAsync($"/api/v1/messages/{message.Id}", new EditMessageRequest("Changed"))));
        var pinned = await alice.Ok<MessageDto>(alice.Http.PostAsync($"/api/v1/messages/{message.Id}/pin", null));
        Assert.Equal(1, pinned.Poll!.Voters); // a change of the message keeps its poll on the wire

        await alice.Ok<MessageDto>(alice.Http.DeleteAsync($"/api/v1/messages/{message.Id}"));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await bob.StatusAsync(bob.Http.GetAsync($"/api/v1/polls/{message.Poll.Id}")));
        Assert.Null((await bob.MessagesAsync(group.Id)).Single().Poll);
    }
}
