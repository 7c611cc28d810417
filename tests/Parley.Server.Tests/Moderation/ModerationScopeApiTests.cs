using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Moderation;

/// <summary>
/// Issue 16 over the API, on both providers: rules scoped to some conversations or to external users, exemptions per
/// rule and global, pinyin rules, and the per-conversation watermark's authorization.
/// </summary>
public class ModerationScopeApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static readonly (HttpStatusCode, string?) Blocked = (HttpStatusCode.UnprocessableEntity, ErrorCodes.ContentBlocked);

    private Task<Session> OfficerAsync() => _server.UserAsync(null, Roles.ComplianceOfficer);

    private static Task<ModerationRuleDto> AddAsync(Session officer, CreateModerationRuleRequest rule) =>
        officer.Ok<ModerationRuleDto>(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules", rule));

    private static Task<(HttpStatusCode, string?)> TrySendAsync(Session who, long conversationId, string text) =>
        who.StatusAsync(who.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new SendMessageRequest(text, null, null, null)));

    /// <summary>Changes made through another feature (a user's external mark) reach the rules through the system log, within a poll.</summary>
    private static async Task<(HttpStatusCode, string?)> EventuallyAsync(Func<Task<(HttpStatusCode, string?)>> attempt, (HttpStatusCode, string?) expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var got = await attempt();
            if (got == expected || DateTime.UtcNow > deadline) return got;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ExternalScope_BlocksExternalAuthorsOnly_AndOnlyUsersManageMarksThem()
    {
        var officer = await OfficerAsync();
        var admin = await _server.AdminAsync();
        var alice = await _server.UserAsync();
        var guest = await _server.UserAsync();
        var rule = await AddAsync(officer, new CreateModerationRuleRequest("报价底线", ModerationActions.Block, Scope: ModerationScopes.External));
        Assert.Equal(ModerationScopes.External, rule.Scope);
        var group = await alice.CreateAsync(ConversationKinds.Group, "supplier", guest.Id);

        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden),
            await alice.StatusAsync(alice.Http.PatchAsJsonAsync($"/api/v1/users/{guest.Id}", new UpdateUserRequest(null, null, null, IsExternal: true))));
        var marked = await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{guest.Id}", new UpdateUserRequest(null, null, null, IsExternal: true)));
        Assert.True(marked.IsExternal);
        Assert.True((await alice.Ok<UserDto>(alice.Http.GetAsync($"/api/v1/users/{guest.Id}"))).IsExternal, "members see who is external");

        Assert.Equal(Blocked, await EventuallyAsync(() => TrySendAsync(guest, group.Id, "我们的报价底线是多少"), Blocked));
        Assert.Equal(HttpStatusCode.Created, (await TrySendAsync(alice, group.Id, "我们的报价底线是多少")).Item1);

        // Unmarked, the guest writes freely again.
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{guest.Id}", new UpdateUserRequest(null, null, null, IsExternal: false)));
        Assert.Equal(HttpStatusCode.Created, (await EventuallyAsync(() => TrySendAsync(guest, group.Id, "报价底线"), (HttpStatusCode.Created, null))).Item1);
    }

    [Fact]
    public async Task ConversationsScope_AppliesInTheListedConversationsOnly()
    {
        var officer = await OfficerAsync();
        var alice = await _server.UserAsync();
        var inside = await alice.CreateAsync(ConversationKinds.Group, "in");
        var outside = await alice.CreateAsync(ConversationKinds.Group, "out");
        var rule = await AddAsync(officer, new CreateModerationRuleRequest("项目代号", ModerationActions.Block, [inside.Id], ModerationScopes.Conversations));
        Assert.Equal([inside.Id], rule.ConversationIds);
        Assert.Equal(Blocked, await TrySendAsync(alice, inside.Id, "项目代号是什么"));
        Assert.Equal(HttpStatusCode.Created, (await TrySendAsync(alice, outside.Id, "项目代号是什么")).Item1);

        var invalid = (HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(invalid, await officer.StatusAsync(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules",
            new CreateModerationRuleRequest("另一个", ModerationActions.Block, Scope: ModerationScopes.Conversations))));
        Assert.Equal(invalid, await officer.StatusAsync(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules",
            new CreateModerationRuleRequest("另一个", ModerationActions.Block, Scope: "guests"))));
        Assert.Equal(invalid, await officer.StatusAsync(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules",
            new CreateModerationRuleRequest("另一个", ModerationActions.Block, ExemptUserIds: [-1]))));
    }

    [Fact]
    public async Task Exemptions_PerRuleAndGlobal_LetExemptAuthorsAndConversationsThrough()
    {
        var officer = await OfficerAsync();
        var alice = await _server.UserAsync();
        var bot = await _server.UserAsync();
        var archiver = await _server.UserAsync();
        var team = await alice.CreateAsync(ConversationKinds.Group, "team", bot.Id, archiver.Id);
        var legal = await alice.CreateAsync(ConversationKinds.Group, "legal", bot.Id);
        var counsel = await alice.CreateAsync(ConversationKinds.Group, "counsel", archiver.Id);
        await AddAsync(officer, new CreateModerationRuleRequest("违约金", ModerationActions.Block, ExemptUserIds: [bot.Id], ExemptConversationIds: [legal.Id]));

        Assert.Equal(Blocked, await TrySendAsync(alice, team.Id, "违约金"));
        Assert.Equal(HttpStatusCode.Created, (await TrySendAsync(bot, team.Id, "违约金")).Item1);
        Assert.Equal(HttpStatusCode.Created, (await TrySendAsync(alice, legal.Id, "违约金")).Item1);
        Assert.Equal(Blocked, await TrySendAsync(archiver, team.Id, "违约金"));
        Assert.Equal(Blocked, await TrySendAsync(alice, counsel.Id, "违约金"));

        // Global exemptions: compliance.manage only, audited, and every rule steps aside.
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.StatusAsync(alice.Http.PutAsJsonAsync("/api/v1/moderation/exemptions",
            new SetModerationExemptionsRequest([alice.Id], null)))).Item1);
        var set = await officer.Ok<ModerationExemptionsDto>(officer.Http.PutAsJsonAsync("/api/v1/moderation/exemptions",
            new SetModerationExemptionsRequest([archiver.Id], [counsel.Id])));
        Assert.Equal([archiver.Id], set.UserIds);
        Assert.Equal([counsel.Id], set.ConversationIds);
        var read = await officer.Ok<ModerationExemptionsDto>(officer.Http.GetAsync("/api/v1/moderation/exemptions"));
        Assert.Equal(set.UserIds, read.UserIds);
        Assert.Equal(set.ConversationIds, read.ConversationIds);
        Assert.Equal(HttpStatusCode.Created, (await TrySendAsync(archiver, team.Id, "违约金")).Item1);
        Assert.Equal(HttpStatusCode.Created, (await TrySendAsync(alice, counsel.Id, "违约金")).Item1);
        Assert.Equal(Blocked, await TrySendAsync(alice, team.Id, "违约金"));

        var audit = await officer.Ok<ModerationTestResult>(officer.Http.PostAsJsonAsync("/api/v1/moderation/test", new ModerationTestRequest("违约金", team.Id, archiver.Id)));
        Assert.Equal("accept", audit.Outcome);
        var admin = await _server.AdminAsync();
        var log = await admin.Http.GetStringAsync("/api/v1/audit?action=moderation.exemptions_changed");
        Assert.Contains("moderation.exemptions_changed", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinyinRule_MasksLatinSpellings_AndNeedsTwoSyllables()
    {
        var officer = await OfficerAsync();
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "g");
        var rule = await AddAsync(officer, new CreateModerationRuleRequest("敏感", ModerationActions.Mask, Pinyin: true));
        Assert.True(rule.Pinyin);
        Assert.Equal("这个话题很 *** ***", (await alice.SendAsync(group.Id, "这个话题很 Min Gan")).Text);
        Assert.Equal("The admin began", (await alice.SendAsync(group.Id, "The admin began")).Text);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await officer.StatusAsync(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules",
            new CreateModerationRuleRequest("敏", ModerationActions.Mask, Pinyin: true))));
    }

    [Fact]
    public async Task Watermark_OwnersAndComplianceOfficersSetIt_MembersSeeItLive_OthersAreRefused()
    {
        var owner = await _server.UserAsync();
        var member = await _server.UserAsync();
        var stranger = await _server.UserAsync();
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var group = await owner.CreateAsync(ConversationKinds.Group, "board", member.Id);
        Assert.False(group.Watermark);
        await using var hub = _server.Hub(member.Token);
        var events = new EventCollector(hub);
        await hub.StartAsync();

        Task<(HttpStatusCode, string?)> Set(Session who, bool on) =>
            who.StatusAsync(who.Http.PutAsJsonAsync($"/api/v1/conversations/{group.Id}/watermark", new SetWatermarkRequest(on)));
        Assert.Equal(HttpStatusCode.NotFound, (await Set(stranger, true)).Item1);
        Assert.Equal(HttpStatusCode.Forbidden, (await Set(member, true)).Item1);
        Assert.False((await member.ConversationAsync(group.Id)).Watermark);

        Assert.Equal(HttpStatusCode.NoContent, (await Set(owner, true)).Item1);
        Assert.True((await member.ConversationAsync(group.Id)).Watermark);
        var pushed = await events.WaitAsync(e => e.Type == EventTypes.ConversationUpdated && e.ConversationId == group.Id, "conversation.updated with the watermark");
        Assert.True(pushed.Data.GetProperty("watermark").GetBoolean());

        // A compliance officer need not be a member.
        Assert.Equal(HttpStatusCode.NoContent, (await Set(officer, false)).Item1);
        Assert.False((await owner.ConversationAsync(group.Id)).Watermark);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.StatusAsync(officer.Http.PutAsJsonAsync("/api/v1/conversations/999999/watermark", new SetWatermarkRequest(true)))).Item1);
    }
}
