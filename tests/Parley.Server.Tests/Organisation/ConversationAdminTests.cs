using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.ConversationAdmin;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Organisation;

/// <summary>
/// Conversation administration (issue 14): the admin's search, archive, ownership and membership; default channels
/// joined by every new user whatever created it; department groups that follow their department.
/// </summary>
public class ConversationAdminTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Subscribers:PollInterval"] = "00:00:00.200" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string Base = "/api/v1/admin/conversations";

    private static async Task<IReadOnlyList<MemberDto>> Members(Session admin, long id) =>
        (await admin.Ok<ListResponse<MemberDto>>(admin.Http.GetAsync($"{Base}/{id}/members"))).Items;

    private static async Task<long[]> MemberIds(Session admin, long id) => [.. (await Members(admin, id)).Select(m => m.UserId).Order()];

    /// <summary>Subscribers run after the commit: wait (bounded) until the condition holds, then assert it with a message.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, string because)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, because);
            await Task.Delay(50);
        }
    }

    private static async Task<DepartmentDto> Department(Session admin, string name, long? parent = null) =>
        await admin.Ok<DepartmentDto>(admin.Http.PostAsJsonAsync("/api/v1/departments", new CreateDepartmentRequest(name, parent)));

    private static async Task Put(Session admin, string url) => Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PutAsync(url, null)).StatusCode);

    private static async Task Delete(Session admin, string url) => Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync(url)).StatusCode);

    private async Task<IReadOnlyList<AuditEntryDto>> Audit(Session admin, string action) =>
        (await admin.Ok<AuditPage>(admin.Http.GetAsync($"/api/v1/audit?action={action}"))).Items;

    [Fact]
    public async Task Search_Archive_Transfer_Membership_AreAdminOnly_AndAudited()
    {
        var admin = await _server.AdminAsync();
        var owner = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var tag = "ops" + Guid.NewGuid().ToString("N")[..6];
        var group = await owner.CreateAsync(ConversationKinds.Group, tag + " private", bob.Id);
        var channel = await owner.CreateAsync(ConversationKinds.Channel, tag + " public");
        var direct = await owner.CreateAsync(ConversationKinds.Direct, null, carol.Id);

        // The admin is in none of them and still finds the private group, with kind, member count and activity.
        var found = (await admin.Ok<ListResponse<AdminConversationDto>>(admin.Http.GetAsync($"{Base}?query={tag}"))).Items;
        Assert.Equal(new[] { channel.Id, group.Id }.Order(), found.Select(c => c.Id).Order());
        var g = found.Single(c => c.Id == group.Id);
        Assert.Equal((ConversationKinds.Group, 2, false, false), (g.Kind, g.MemberCount, g.IsArchived, g.IsDefault));
        var directs = (await admin.Ok<ListResponse<AdminConversationDto>>(admin.Http.GetAsync($"{Base}?kind=direct"))).Items;
        Assert.Equal(2, directs.Single(c => c.Id == direct.Id).Participants!.Count);
        Assert.Equal([owner.Id, bob.Id], (await MemberIds(admin, group.Id)).Order());

        // A member (even the group's owner) is refused every admin endpoint; unknown ids and bad input are 404 and 400.
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.StatusAsync(owner.Http.GetAsync(Base))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.StatusAsync(owner.Http.PostAsync($"{Base}/{group.Id}/archive", null))).Status);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await admin.StatusAsync(admin.Http.PostAsync($"{Base}/999999/archive", null)));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await admin.StatusAsync(admin.Http.GetAsync($"{Base}/999999/members")));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await admin.StatusAsync(admin.Http.DeleteAsync($"{Base}/{group.Id}/members/{carol.Id}")));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.StatusAsync(admin.Http.GetAsync($"{Base}?kind=secret"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.StatusAsync(admin.Http.PutAsJsonAsync($"{Base}/{group.Id}/owner", new TransferOwnershipRequest(carol.Id)))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.StatusAsync(admin.Http.PostAsync($"{Base}/{direct.Id}/archive", null))).Status);

        // Archive: members see it (and cannot write); unarchive gives it back.
        var archived = await admin.Ok<AdminConversationDto>(admin.Http.PostAsync($"{Base}/{group.Id}/archive", null));
        Assert.True(archived.IsArchived);
        Assert.True((await bob.ConversationAsync(group.Id)).IsArchived);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ConversationArchived), await bob.StatusAsync(bob.Http.PostAsJsonAsync($"{Base.Replace("/admin", "")}/{group.Id}/messages", new SendMessageRequest("hello", null, null, null))));
        Assert.Equal([group.Id], (await admin.Ok<ListResponse<AdminConversationDto>>(admin.Http.GetAsync($"{Base}?query={tag}&archived=true"))).Items.Select(c => c.Id));
        Assert.False((await admin.Ok<AdminConversationDto>(admin.Http.PostAsync($"{Base}/{group.Id}/unarchive", null))).IsArchived);
        await bob.SendAsync(group.Id, "back again");

        // Membership: add carol, transfer ownership to bob (the owner becomes an admin), remove the old owner.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PostAsJsonAsync($"{Base}/{group.Id}/members", new AddMembersRequest([carol.Id]))).StatusCode);
        Assert.Equal(ConversationKinds.Group, (await carol.ConversationAsync(group.Id)).Kind);
        await admin.Ok<AdminConversationDto>(admin.Http.PutAsJsonAsync($"{Base}/{group.Id}/owner", new TransferOwnershipRequest(bob.Id)));
        var roles = (await Members(admin, group.Id)).ToDictionary(m => m.UserId, m => m.Role);
        Assert.Equal((MemberRoles.Owner, MemberRoles.Admin, MemberRoles.Member), (roles[bob.Id], roles[owner.Id], roles[carol.Id]));
        Assert.Equal(MemberRoles.Owner, (await bob.ConversationAsync(group.Id)).Role);
        await Delete(admin, $"{Base}/{group.Id}/members/{owner.Id}");
        Assert.Equal(HttpStatusCode.NotFound, (await owner.StatusAsync(owner.Http.GetAsync($"/api/v1/conversations/{group.Id}"))).Status);

        // The conversation's own log tells members what happened; the system stream says who did it.
        var events = (await bob.Ok<ListResponse<EventDto>>(bob.Http.GetAsync($"/api/v1/conversations/{group.Id}/events?afterSeq=0&limit=1000"))).Items.Select(e => e.Type).ToList();
        Assert.Contains(EventTypes.ConversationUpdated, events);
        Assert.Contains(EventTypes.MemberRoleChanged, events);
        Assert.Contains(EventTypes.MemberLeft, events);
        foreach (var action in new[] { "conversation.archived", "conversation.unarchived", "conversation.owner_transferred", "conversation.member_added_by_admin", "conversation.member_removed_by_admin" })
        {
            var entry = Assert.Single(await Audit(admin, action));
            Assert.Equal((admin.Id, "conversation", group.Id), (entry.ActorId, entry.TargetType, entry.TargetId));
        }
    }

    [Fact]
    public async Task AdminChanges_ReachMembersLive_OverTheHub()
    {
        var admin = await _server.AdminAsync();
        var owner = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var group = await owner.CreateAsync(ConversationKinds.Group, "live", bob.Id);
        await using var bobHub = _server.Hub(bob.Token);
        var bobEvents = new EventCollector(bobHub);
        await using var carolHub = _server.Hub(carol.Token);
        var carolEvents = new EventCollector(carolHub);
        await bobHub.StartAsync();
        await carolHub.StartAsync();

        await admin.Ok<AdminConversationDto>(admin.Http.PostAsync($"{Base}/{group.Id}/archive", null));
        await bobEvents.WaitAsync(e => e.Type == EventTypes.ConversationUpdated && e.ConversationId == group.Id && e.Data.GetProperty("isArchived").GetBoolean(), "archived, live");
        await admin.Ok<AdminConversationDto>(admin.Http.PostAsync($"{Base}/{group.Id}/unarchive", null));
        await admin.Ok<AdminConversationDto>(admin.Http.PutAsJsonAsync($"{Base}/{group.Id}/owner", new TransferOwnershipRequest(bob.Id)));
        await bobEvents.WaitAsync(e => e.Type == EventTypes.MemberRoleChanged && e.Data.GetProperty("userId").GetInt64() == bob.Id && e.Data.GetProperty("role").GetString() == MemberRoles.Owner, "bob made owner, live");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PostAsJsonAsync($"{Base}/{group.Id}/members", new AddMembersRequest([carol.Id]))).StatusCode);
        await carolEvents.WaitAsync(e => e.Type == EventTypes.MemberJoined && e.ConversationId == group.Id && e.Data.GetProperty("userId").GetInt64() == carol.Id, "carol learns at once that she was added");
    }

    [Fact]
    public async Task DefaultChannel_NewUsersJoin_FromTheApi_OnlyThoseCreatedAfter_AndAddExistingIsExplicit()
    {
        var admin = await _server.AdminAsync();
        var before = await _server.UserAsync();
        var welcome = await admin.CreateAsync(ConversationKinds.Channel, "welcome");
        var group = await admin.CreateAsync(ConversationKinds.Group, "not a channel");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.StatusAsync(admin.Http.PutAsJsonAsync($"{Base}/{group.Id}/default", new SetDefaultChannelRequest(false)))).Status);
        Assert.True((await admin.Ok<AdminConversationDto>(admin.Http.PutAsJsonAsync($"{Base}/{welcome.Id}/default", new SetDefaultChannelRequest(false)))).IsDefault);

        var newcomer = await _server.UserAsync();
        await Eventually(async () => (await MemberIds(admin, welcome.Id)).Contains(newcomer.Id), "a user created after the channel became default should join it");
        Assert.Equal(MemberRoles.Member, (await newcomer.ConversationAsync(welcome.Id)).Role);
        Assert.DoesNotContain(before.Id, await MemberIds(admin, welcome.Id));

        // A newcomer who leaves stays out, even when the subscriber reads the same events again.
        await newcomer.Http.PostAsync($"/api/v1/conversations/{welcome.Id}/leave", null);
        await Replay<DefaultChannelJoins>();
        Assert.DoesNotContain(newcomer.Id, await MemberIds(admin, welcome.Id));
        Assert.DoesNotContain(before.Id, await MemberIds(admin, welcome.Id));

        // "Add existing users too" is the explicit action that brings in everyone, earlier users included.
        await admin.Ok<AdminConversationDto>(admin.Http.PutAsJsonAsync($"{Base}/{welcome.Id}/default", new SetDefaultChannelRequest(true)));
        Assert.Contains(before.Id, await MemberIds(admin, welcome.Id));

        // No longer default: later users do not join.
        Assert.False((await admin.Ok<AdminConversationDto>(admin.Http.DeleteAsync($"{Base}/{welcome.Id}/default"))).IsDefault);
        var later = await _server.UserAsync();
        var marker = await admin.CreateAsync(ConversationKinds.Channel, "marker");
        await admin.Ok<AdminConversationDto>(admin.Http.PutAsJsonAsync($"{Base}/{marker.Id}/default", new SetDefaultChannelRequest(false)));
        var last = await _server.UserAsync();
        await Eventually(async () => (await MemberIds(admin, marker.Id)).Contains(last.Id), "the marker channel should get the last user");
        Assert.DoesNotContain(later.Id, await MemberIds(admin, welcome.Id));
        Assert.Single(await Audit(admin, "conversation.default_unset"));
    }

    [Fact]
    public async Task DepartmentGroup_FollowsTheDepartment_AndItsSubDepartments_IdempotentOnReplay()
    {
        var admin = await _server.AdminAsync();
        var rd = await Department(admin, "研发部");
        var backend = await Department(admin, "后端组", rd.Id);
        var deep = await Department(admin, "存储小组", backend.Id);
        var other = await Department(admin, "市场部");
        var (a, b, c, d) = (await _server.UserAsync(), await _server.UserAsync(), await _server.UserAsync(), await _server.UserAsync());
        await Put(admin, $"/api/v1/departments/{rd.Id}/members/{a.Id}");
        await Put(admin, $"/api/v1/departments/{backend.Id}/members/{b.Id}");

        // Creating the group syncs the current members at once: rd and everything below it.
        var whole = await admin.Ok<AdminConversationDto>(admin.Http.PostAsJsonAsync("/api/v1/admin/department-groups", new CreateDepartmentGroupRequest(rd.Id, null, true)));
        var only = await admin.Ok<AdminConversationDto>(admin.Http.PostAsJsonAsync("/api/v1/admin/department-groups", new CreateDepartmentGroupRequest(rd.Id, "研发部 only", false)));
        Assert.Equal(("研发部", rd.Id, true), (whole.Name, whole.Department!.DepartmentId, whole.Department.IncludeSubDepartments));
        Assert.Equal([admin.Id, a.Id, b.Id], await MemberIds(admin, whole.Id));
        Assert.Equal([admin.Id, a.Id], await MemberIds(admin, only.Id));
        Assert.Equal(MemberRoles.Owner, (await Members(admin, whole.Id)).Single(m => m.UserId == admin.Id).Role);

        // Joining a sub-sub-department joins the including group only; another department touches neither.
        await Put(admin, $"/api/v1/departments/{deep.Id}/members/{c.Id}");
        await Put(admin, $"/api/v1/departments/{other.Id}/members/{d.Id}");
        await Eventually(async () => (await MemberIds(admin, whole.Id)).Contains(c.Id), "a user added to a sub-department should join the group that includes sub-departments");
        Assert.Equal(ConversationKinds.Group, (await c.ConversationAsync(whole.Id)).Kind);
        Assert.DoesNotContain(c.Id, await MemberIds(admin, only.Id));
        Assert.DoesNotContain(d.Id, await MemberIds(admin, whole.Id));

        // Leaving the department leaves the group; the owner (in no department) stays.
        await Delete(admin, $"/api/v1/departments/{backend.Id}/members/{b.Id}");
        await Eventually(async () => !(await MemberIds(admin, whole.Id)).Contains(b.Id), "a user removed from the department should leave the group");
        Assert.Equal(HttpStatusCode.NotFound, (await b.StatusAsync(b.Http.GetAsync($"/api/v1/conversations/{whole.Id}"))).Status);

        // Moving the sub-tree out of rd takes c out of the including group.
        await admin.Ok<DepartmentDto>(admin.Http.PatchAsJsonAsync($"/api/v1/departments/{backend.Id}", new UpdateDepartmentRequest(null, other.Id)));
        await Eventually(async () => !(await MemberIds(admin, whole.Id)).Contains(c.Id), "moving a sub-department away should take its people out");
        Assert.Equal([admin.Id, a.Id], await MemberIds(admin, whole.Id));

        // Reading the whole stream again changes nothing and logs no new membership events.
        var eventsBefore = (await a.Ok<ListResponse<EventDto>>(a.Http.GetAsync($"/api/v1/conversations/{whole.Id}/events?afterSeq=0&limit=1000"))).Items.Count;
        await Replay<DepartmentGroupSync>();
        Assert.Equal([admin.Id, a.Id], await MemberIds(admin, whole.Id));
        Assert.Equal([admin.Id, a.Id], await MemberIds(admin, only.Id));
        Assert.Equal(eventsBefore, (await a.Ok<ListResponse<EventDto>>(a.Http.GetAsync($"/api/v1/conversations/{whole.Id}/events?afterSeq=0&limit=1000"))).Items.Count);

        // Unlinking keeps the members and stops following.
        Assert.Null((await admin.Ok<AdminConversationDto>(admin.Http.DeleteAsync($"{Base}/{only.Id}/department"))).Department);
        await Put(admin, $"/api/v1/departments/{rd.Id}/members/{d.Id}");
        await Eventually(async () => (await MemberIds(admin, whole.Id)).Contains(d.Id), "d joined rd");
        Assert.Equal([admin.Id, a.Id], await MemberIds(admin, only.Id));

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/admin/department-groups", new CreateDepartmentGroupRequest(999999, null, false)))).Status);
        Assert.Equal(2, (await Audit(admin, "conversation.department_linked")).Count);
    }

    /// <summary>Hands the subscriber every event of its stream again, as after a crash before its cursor moved.</summary>
    private async Task Replay<T>() where T : IEventSubscriber
    {
        var subscriber = _server.Services.GetServices<IEventSubscriber>().OfType<T>().Single();
        var reader = _server.Services.GetRequiredService<EventReader>();
        var position = new LogPosition(0, 0);
        while (true)
        {
            var batch = await reader.ReadAsync(subscriber.Stream, position, 100, CancellationToken.None);
            if (batch.Count == 0) break;
            await subscriber.HandleAsync(batch, CancellationToken.None);
            position = batch[^1].Position;
        }
    }
}
