using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

public class ConversationTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Conversations:MaxMembers"] = "4" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Direct_OnePerPair_CreatingAgainReturnsTheSame()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var first = await a.CreateAsync(ConversationKinds.Direct, null, b.Id);
        var again = await b.CreateAsync(ConversationKinds.Direct, null, a.Id);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal([a.Id, b.Id], first.DirectUserIds!.Order());
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await a.StatusAsync(a.Http.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest("direct", null, [b.Id, 999], null))));
    }

    [Fact]
    public async Task Group_IsPrivate_NonMembersGet404AndCannotJoin()
    {
        var owner = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var g = await owner.CreateAsync(ConversationKinds.Group, "board");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/v1/conversations/{g.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.PostAsync($"/api/v1/conversations/{g.Id}/join", null)).StatusCode);
        Assert.DoesNotContain((await outsider.Ok<ListResponse<ConversationDto>>(outsider.Http.GetAsync("/api/v1/channels"))).Items, c => c.Id == g.Id);
    }

    [Fact]
    public async Task Group_OnlyOwnersAndAdminsInvite_RolesChangeByOwner()
    {
        var owner = await _server.UserAsync();
        var member = await _server.UserAsync();
        var third = await _server.UserAsync();
        var g = await owner.CreateAsync(ConversationKinds.Group, "team", member.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/members", new AddMembersRequest([third.Id]))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/members/{member.Id}/role", new SetRoleRequest("admin"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await member.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/members", new AddMembersRequest([third.Id]))).StatusCode);
        var members = (await owner.Ok<ListResponse<MemberDto>>(owner.Http.GetAsync($"/api/v1/conversations/{g.Id}/members"))).Items;
        Assert.Equal(["owner", "admin", "member"], members.Select(m => m.Role));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/members/{third.Id}/role", new SetRoleRequest("admin"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await third.Http.DeleteAsync($"/api/v1/conversations/{g.Id}/members/{member.Id}")).StatusCode);
    }

    [Fact]
    public async Task Channel_PublicJoinLeave_AndSyncReportsRemoval()
    {
        var owner = await _server.UserAsync();
        var joiner = await _server.UserAsync();
        var ch = await owner.CreateAsync(ConversationKinds.Channel, "town-square");
        var browse = (await joiner.Ok<ListResponse<ConversationDto>>(joiner.Http.GetAsync("/api/v1/channels?query=town"))).Items;
        Assert.Contains(browse, c => c.Id == ch.Id && c.Role == null);
        Assert.Equal(HttpStatusCode.NotFound, (await joiner.Http.GetAsync($"/api/v1/conversations/{ch.Id}/messages")).StatusCode);

        var joined = await joiner.Ok<ConversationDto>(joiner.Http.PostAsync($"/api/v1/conversations/{ch.Id}/join", null));
        Assert.Equal("member", joined.Role);
        var sync = await joiner.Ok<SyncResponse>(joiner.Http.GetAsync("/api/v1/sync?since=0"));
        Assert.Contains(sync.Conversations, c => c.Id == ch.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await joiner.Http.PostAsync($"/api/v1/conversations/{ch.Id}/leave", null)).StatusCode);
        var after = await joiner.Ok<SyncResponse>(joiner.Http.GetAsync($"/api/v1/sync?since={sync.Cursor}"));
        Assert.Contains(ch.Id, after.Removed);
        Assert.DoesNotContain(after.Conversations, c => c.Id == ch.Id);
    }

    [Fact]
    public async Task MemberLimit_Enforced()
    {
        var owner = await _server.UserAsync();
        var others = new List<Session>();
        for (var i = 0; i < 4; i++) others.Add(await _server.UserAsync());
        var g = await owner.CreateAsync(ConversationKinds.Group, "small", others[0].Id, others[1].Id, others[2].Id);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.MemberLimit),
            await owner.StatusAsync(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/members", new AddMembersRequest([others[3].Id]))));
    }

    [Fact]
    public async Task Settings_RenameTopicAnnouncementArchive_ByManagersOnly()
    {
        var owner = await _server.UserAsync();
        var member = await _server.UserAsync();
        var g = await owner.CreateAsync(ConversationKinds.Group, "before", member.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.PatchAsJsonAsync($"/api/v1/conversations/{g.Id}", new UpdateConversationRequest("x", null, null, null))).StatusCode);
        var updated = await owner.Ok<ConversationDto>(owner.Http.PatchAsJsonAsync($"/api/v1/conversations/{g.Id}", new UpdateConversationRequest("after", "the topic", "公告：周五发布", null)));
        Assert.Equal(("after", "the topic", "公告：周五发布"), (updated.Name, updated.Topic, updated.Announcement));
        await owner.Ok<ConversationDto>(owner.Http.PatchAsJsonAsync($"/api/v1/conversations/{g.Id}", new UpdateConversationRequest(null, null, null, true)));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ConversationArchived), await member.StatusAsync(member.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/messages", new SendMessageRequest("hi", null, null, null))));
    }

    [Fact]
    public async Task LastOwnerLeaves_OwnershipPasses()
    {
        var owner = await _server.UserAsync();
        var member = await _server.UserAsync();
        var g = await owner.CreateAsync(ConversationKinds.Group, "handover", member.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.PostAsync($"/api/v1/conversations/{g.Id}/leave", null)).StatusCode);
        Assert.Equal("owner", (await member.ConversationAsync(g.Id)).Role);
    }

    [Fact]
    public async Task Mute_IsPerMember()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var ch = await a.CreateAsync(ConversationKinds.Channel, "noisy", b.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await b.Http.PutAsJsonAsync($"/api/v1/conversations/{ch.Id}/mute", new MuteRequest(true))).StatusCode);
        Assert.True((await b.ConversationAsync(ch.Id)).Muted);
        Assert.False((await a.ConversationAsync(ch.Id)).Muted);
    }
}
