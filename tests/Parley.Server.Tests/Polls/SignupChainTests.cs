using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Polls;

/// <summary>Issue 20: sign-up chains (接龙): one entry per member, in sign-up order, editable and removable until closed.</summary>
public class SignupChainTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Chain_OneEntryEach_InOrder_EditKeepsPlace_RemoveMovesUp_ClosedIsFrozen()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "团建", bob.Id, carol.Id);
        var chain = await alice.CreateChainAsync(group.Id, "周六团建报名");
        Assert.Equal((PollKinds.Signup, 0, 0), (chain.Kind, chain.Options.Count, chain.Entries.Count));

        using (var first = await bob.SignUp(chain.Id, "张三 +1"))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var afterCarol = await carol.Ok<PollDetailDto>(carol.SignUp(chain.Id, ""));
        Assert.Equal([bob.Id, carol.Id], afterCarol.Poll.Entries.Select(e => e.UserId));
        Assert.Equal(("张三 +1", ""), (afterCarol.Poll.Entries[0].Text, afterCarol.MySignup!.Text));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict), await bob.StatusAsync(bob.SignUp(chain.Id, "again")));

        var edited = await bob.Ok<PollDetailDto>(bob.Http.PutAsJsonAsync($"/api/v1/polls/{chain.Id}/signups/me", new SignupRequest("张三 +2")));
        Assert.Equal([("张三 +2", bob.Id), ("", carol.Id)], edited.Poll.Entries.Select(e => (e.Text, e.UserId)));
        Assert.NotNull(edited.MySignup!.EditedAt);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound),
            await alice.StatusAsync(alice.Http.PutAsJsonAsync($"/api/v1/polls/{chain.Id}/signups/me", new SignupRequest("not in it"))));

        var removed = await bob.Ok<PollDetailDto>(bob.Http.DeleteAsync($"/api/v1/polls/{chain.Id}/signups/me"));
        Assert.Equal([carol.Id], removed.Poll.Entries.Select(e => e.UserId));
        Assert.Null(removed.MySignup);
        await bob.Ok<PollDetailDto>(bob.SignUp(chain.Id, "back"));
        Assert.Equal([carol.Id, bob.Id], (await alice.DetailAsync(chain.Id)).Poll.Entries.Select(e => e.UserId)); // at the end again
        Assert.Equal(2, (await alice.MessagesAsync(group.Id)).Single().Poll!.Voters);

        // A chain is not voted on, and a poll is not signed up to.
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(alice.Vote(chain.Id)));
        var poll = await alice.CreatePollAsync(group.Id, "Q", ["A", "B"]);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(alice.SignUp(poll.Id, "x")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(alice.SignUp(chain.Id, new string('x', 201))));

        await alice.Ok<PollDetailDto>(alice.Close(chain.Id));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.PollClosed), await alice.StatusAsync(alice.SignUp(chain.Id, "late")));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.PollClosed), await carol.StatusAsync(carol.Http.DeleteAsync($"/api/v1/polls/{chain.Id}/signups/me")));
        var mine = await carol.Ok<ListResponse<MyPollStateDto>>(carol.Http.GetAsync($"/api/v1/polls/mine?ids={chain.Id},{poll.Id}"));
        Assert.Equal([(chain.Id, true), (poll.Id, false)], mine.Items.Select(m => (m.PollId, m.SignedUp)).OrderBy(m => m.PollId != chain.Id));
    }
}
