using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Polls;

/// <summary>Issue 20: poll results reach every member live and on history pages; poll texts pass the sensitive-word filter.</summary>
public class PollLiveTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task VotesAndSignups_ReachMembersOverTheHub_OwnStateOnlyTheVoter_AndPagesCarrySummaries()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "live", bob.Id);
        await using var aliceHub = _server.Hub(alice.Token);
        await using var bobHub = _server.Hub(bob.Token);
        var aliceEvents = new EventCollector(aliceHub);
        var bobEvents = new EventCollector(bobHub);
        await aliceHub.StartAsync();
        await bobHub.StartAsync();

        var poll = await alice.CreatePollAsync(group.Id, "Live?", ["Yes", "No"]);
        var created = await bobEvents.WaitAsync(e => e.Type == EventTypes.MessageCreated, "the poll message");
        Assert.Equal(poll.Id, created.Data.GetProperty("poll").GetProperty("id").GetInt64());

        await bob.VoteAsync(poll.Id, poll.Options[0].Id);
        var updated = await aliceEvents.WaitAsync(e => e.Type == EventTypes.PollUpdated, "poll.updated at alice");
        var data = updated.Data.Deserialize<PollEventData>(Json.Options)!;
        Assert.Equal((poll.MessageId, 1, 1, bob.Id), (data.MessageId, data.Poll.Voters, data.Poll.Options[0].Count, data.Poll.Options[0].VoterIds.Single()));
        Assert.NotNull(updated.Seq); // in the log: catch-up replays it
        var own = await bobEvents.WaitAsync(e => e.Type == EventTypes.PollMine, "bob's own state");
        Assert.Equal([poll.Options[0].Id], own.Data.Deserialize<MyPollStateDto>(Json.Options)!.OptionIds);
        Assert.DoesNotContain(aliceEvents.All, e => e.Type == EventTypes.PollMine);

        var chain = await alice.CreateChainAsync(group.Id, "接龙");
        await bob.Ok<PollDetailDto>(bob.SignUp(chain.Id, "bob"));
        await aliceEvents.WaitAsync(e => e.Type == EventTypes.PollUpdated && e.Data.GetProperty("poll").GetProperty("entries").GetArrayLength() == 1, "the sign-up at alice");

        // History pages carry every poll's summary (loaded per page, not per message), and catch-up carries the updates.
        var page = await alice.MessagesAsync(group.Id);
        Assert.Equal([(poll.Id, 1), (chain.Id, 1)], page.Select(m => (m.Poll!.Id, m.Poll.Voters)));
        var log = (await alice.Ok<ListResponse<EventDto>>(alice.Http.GetAsync($"/api/v1/conversations/{group.Id}/events?afterSeq=0"))).Items;
        Assert.Equal(2, log.Count(e => e.Type == EventTypes.PollUpdated));
        var hit = (await alice.Ok<SearchResponse>(alice.Http.GetAsync("/api/v1/search?q=Live"))).Items.Single();
        Assert.Equal(poll.Id, hit.Message.Poll!.Id);

        // MessagePack clients decode the same event.
        await using var packHub = _server.Hub(bob.Token, messagePack: true);
        var packEvents = new EventCollector(packHub, messagePack: true);
        await packHub.StartRegisteredAsync();
        await alice.VoteAsync(poll.Id, poll.Options[1].Id);
        var packed = await packEvents.WaitAsync(e => e.Type == EventTypes.PollUpdated, "poll.updated over MessagePack");
        Assert.Equal(2, packed.Data.GetProperty("Poll").GetProperty("Voters").GetInt32());
    }

    [Fact]
    public async Task BlockedWords_InQuestionOptionOrSignup_Refused_NothingWritten()
    {
        var admin = await _server.AdminAsync();
        var name = "co" + Guid.NewGuid().ToString("N")[..8];
        await admin.Ok<UserDto>(admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(name, TestServer.UserPassword, "Compliance", false, [Roles.ComplianceOfficer])));
        using var anon = _server.Client();
        var login = await admin.Ok<LoginResponse>(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(name, TestServer.UserPassword)));
        var officer = new Session(_server, login.User, login.Token);
        await officer.Ok<ModerationRuleDto>(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules", new CreateModerationRuleRequest("违禁词", ModerationActions.Block, null)));

        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "filtered");
        var blocked = (HttpStatusCode.UnprocessableEntity, ErrorCodes.ContentBlocked);
        Assert.Equal(blocked, await alice.StatusAsync(alice.PostPoll(group.Id, new CreatePollRequest(PollKinds.Poll, "有违禁词吗", ["A", "B"]))));
        Assert.Equal(blocked, await alice.StatusAsync(alice.PostPoll(group.Id, new CreatePollRequest(PollKinds.Poll, "Q", ["A", "违 禁 词"]))));
        var chain = await alice.CreateChainAsync(group.Id, "报名");
        Assert.Equal(blocked, await alice.StatusAsync(alice.SignUp(chain.Id, "违禁词")));
        Assert.Equal(0, (await alice.DetailAsync(chain.Id)).Poll.Voters);
        Assert.Single(await alice.MessagesAsync(group.Id));
    }
}
