using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Server.Tests.Moderation;

/// <summary>Sensitive-word rules end to end: what senders, members and compliance officers see, on both providers.</summary>
public class ModerationApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<Session> OfficerAsync()
    {
        var admin = await _server.AdminAsync();
        var name = "co" + Guid.NewGuid().ToString("N")[..8];
        await admin.Ok<UserDto>(admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(name, TestServer.UserPassword, "Compliance", false, [Roles.ComplianceOfficer])));
        using var anon = _server.Client();
        var login = await admin.Ok<LoginResponse>(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(name, TestServer.UserPassword)));
        return new Session(_server, login.User, login.Token);
    }

    private static Task<ModerationRuleDto> AddRuleAsync(Session officer, string pattern, string action, params long[] conversations) =>
        officer.Ok<ModerationRuleDto>(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules",
            new CreateModerationRuleRequest(pattern, action, conversations.Length == 0 ? null : conversations)));

    [Fact]
    public async Task Block_RefusesEveryKindOfText_AndStoresNothing()
    {
        var officer = await OfficerAsync();
        await AddRuleAsync(officer, "违禁词", ModerationActions.Block);
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "team");
        var kept = await alice.SendAsync(group.Id, "hello");

        var blocked = (HttpStatusCode.UnprocessableEntity, ErrorCodes.ContentBlocked);
        Assert.Equal(blocked, await alice.StatusAsync(alice.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("有違 禁 詞", null, null, null))));
        Assert.Equal(blocked, await alice.StatusAsync(alice.Http.PatchAsJsonAsync($"/api/v1/messages/{kept.Id}", new EditMessageRequest("违\u200B禁词"))));
        Assert.Equal(blocked, await alice.StatusAsync(alice.Http.PatchAsJsonAsync($"/api/v1/conversations/{group.Id}", new UpdateConversationRequest("违禁词群", null, null, null))));
        Assert.Equal(blocked, await alice.StatusAsync(alice.Http.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest(ConversationKinds.Group, "ＶＩＰ违禁词", [], null))));

        // Over the hub the refusal carries the same code.
        await using var hub = _server.Hub(alice.Token);
        await hub.StartAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>(HubNames.SendMessage, group.Id, "违禁词", null));
        Assert.Contains(ErrorCodes.ContentBlocked, error.Message, StringComparison.Ordinal);

        Assert.Equal(["hello"], (await alice.MessagesAsync(group.Id)).Select(m => m.Text));
        Assert.Equal("team", (await alice.ConversationAsync(group.Id)).Name);
    }

    [Fact]
    public async Task Mask_StoresAndDeliversTheMaskedText()
    {
        var officer = await OfficerAsync();
        await AddRuleAsync(officer, "发票代开", ModerationActions.Mask);
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "deals", bob.Id);

        var sent = await alice.SendAsync(group.Id, "需要发 票 代 开吗");
        Assert.Equal("需要* * * *吗", sent.Text);
        Assert.Equal("需要* * * *吗", (await bob.MessagesAsync(group.Id)).Single().Text);
        Assert.Empty((await officer.Ok<ListResponse<ModerationFlagDto>>(officer.Http.GetAsync("/api/v1/moderation/flags"))).Items);
    }

    [Fact]
    public async Task Flag_Delivers_QueuesForReview_AndRemoveDeletesTheMessageForEveryone()
    {
        var officer = await OfficerAsync();
        var rule = await AddRuleAsync(officer, "内部价格", ModerationActions.Flag);
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "sales", bob.Id);
        var first = await alice.SendAsync(group.Id, "内部价格是 100");
        var second = await alice.SendAsync(group.Id, "再说一次：内部 价格");
        Assert.Equal("内部价格是 100", (await bob.MessagesAsync(group.Id))[0].Text);

        var flags = (await officer.Ok<ListResponse<ModerationFlagDto>>(officer.Http.GetAsync("/api/v1/moderation/flags?open=true"))).Items;
        Assert.Equal([second.Id, first.Id], flags.Select(f => f.MessageId));
        Assert.All(flags, f => Assert.Equal((alice.Id, group.Id, "sensitive-words", $"rules {rule.Id}"), (f.UserId, f.ConversationId, f.Filter, f.Reason)));
        Assert.All(flags, f => Assert.Equal((alice.User.DisplayName, "sales", ConversationKinds.Group, "内部价格"), (f.UserName, f.ConversationName, f.ConversationKind, f.Patterns.Single())));
        Assert.Equal("内部价格是 100", flags[1].Text);

        using (var res = await officer.Http.PostAsJsonAsync($"/api/v1/moderation/flags/{flags[1].Id}/review", new ReviewFlagRequest("remove", "price leak")))
            Assert.Equal(HttpStatusCode.NoContent, res.StatusCode);
        using (var res = await officer.Http.PostAsJsonAsync($"/api/v1/moderation/flags/{flags[0].Id}/review", new ReviewFlagRequest("dismiss")))
            Assert.Equal(HttpStatusCode.NoContent, res.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict),
            await officer.StatusAsync(officer.Http.PostAsJsonAsync($"/api/v1/moderation/flags/{flags[0].Id}/review", new ReviewFlagRequest("remove"))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await officer.StatusAsync(officer.Http.PostAsJsonAsync($"/api/v1/moderation/flags/{flags[0].Id}/review", new ReviewFlagRequest("ban"))));

        var messages = await bob.MessagesAsync(group.Id);
        Assert.NotNull(messages.Single(m => m.Id == first.Id).DeletedAt);
        Assert.Null(messages.Single(m => m.Id == second.Id).DeletedAt);
        Assert.Empty((await officer.Ok<ListResponse<ModerationFlagDto>>(officer.Http.GetAsync("/api/v1/moderation/flags?open=true"))).Items);
        var all = (await officer.Ok<ListResponse<ModerationFlagDto>>(officer.Http.GetAsync("/api/v1/moderation/flags"))).Items;
        Assert.Equal(["dismiss", "remove"], all.Select(f => f.Review!.Decision));
        Assert.Equal(officer.Id, all[1].Review!.ReviewerId);
    }

    [Fact]
    public async Task Rules_AreScoped_ListedExportedImportedAndRemoved_WithValidation()
    {
        var officer = await OfficerAsync();
        var alice = await _server.UserAsync();
        var secret = await alice.CreateAsync(ConversationKinds.Group, "secret");
        var open = await alice.CreateAsync(ConversationKinds.Group, "open");
        var scoped = await AddRuleAsync(officer, "项目代号", ModerationActions.Block, secret.Id);
        Assert.Equal([secret.Id], scoped.ConversationIds);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, ErrorCodes.ContentBlocked),
            await alice.StatusAsync(alice.Http.PostAsJsonAsync($"/api/v1/conversations/{secret.Id}/messages", new SendMessageRequest("项目代号是X", null, null, null))));
        Assert.Equal("项目代号是X", (await alice.SendAsync(open.Id, "项目代号是X")).Text);

        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict), await officer.StatusAsync(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules",
            new CreateModerationRuleRequest("項目 代號", ModerationActions.Flag, [secret.Id]))));
        foreach (var bad in new[] { new CreateModerationRuleRequest("", "block"), new CreateModerationRuleRequest(" .,!? ", "block"),
                     new CreateModerationRuleRequest("词", "ban"), new CreateModerationRuleRequest("词", null), new CreateModerationRuleRequest(new string('长', 101), "mask") })
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await officer.StatusAsync(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules", bad)));

        var import = await officer.Ok<ImportModerationRulesResult>(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules/import",
            new ImportModerationRulesRequest("# a comment\n赌博\n\n 赌 博 \r\n刷单\n", ModerationActions.Mask)));
        Assert.Equal((2, 1), (import.Added, import.Skipped));
        Assert.Equal("**网站", (await alice.SendAsync(open.Id, "赌博网站")).Text);
        var exported = await officer.Http.GetStringAsync("/api/v1/moderation/rules/export?action=mask");
        Assert.Equal(["赌博", "刷单"], exported.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var test = await officer.Ok<ModerationTestResult>(officer.Http.PostAsJsonAsync("/api/v1/moderation/test", new ModerationTestRequest("刷 单和项目代号", secret.Id)));
        Assert.Equal(ModerationActions.Block, test.Outcome);
        Assert.Equal(["刷单", "项目代号"], test.Matches.Select(m => m.Pattern));
        var testOpen = await officer.Ok<ModerationTestResult>(officer.Http.PostAsJsonAsync("/api/v1/moderation/test", new ModerationTestRequest("刷 单和项目代号")));
        Assert.Equal((ModerationActions.Mask, "* *和项目代号"), (testOpen.Outcome, testOpen.Text));

        using (var res = await officer.Http.DeleteAsync($"/api/v1/moderation/rules/{scoped.Id}")) Assert.Equal(HttpStatusCode.NoContent, res.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await officer.StatusAsync(officer.Http.DeleteAsync($"/api/v1/moderation/rules/{scoped.Id}")));
        Assert.Equal("项目代号是X", (await alice.SendAsync(secret.Id, "项目代号是X")).Text);
        var rules = (await officer.Ok<ListResponse<ModerationRuleDto>>(officer.Http.GetAsync("/api/v1/moderation/rules"))).Items;
        Assert.Equal(["赌博", "刷单"], rules.Select(r => r.Pattern));
    }

    [Fact]
    public async Task FileNames_PassTheRules_OnBothUploadPaths()
    {
        var officer = await OfficerAsync();
        await AddRuleAsync(officer, "违禁词", ModerationActions.Block);
        await AddRuleAsync(officer, "发票代开", ModerationActions.Mask);
        await AddRuleAsync(officer, "内部价格", ModerationActions.Flag);
        var alice = await _server.UserAsync();
        var bytes = "plain text"u8.ToArray();

        Assert.Equal((HttpStatusCode.UnprocessableEntity, ErrorCodes.ContentBlocked), await alice.StatusAsync(alice.PostFile(bytes, "违禁词.txt", "text/plain")));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, ErrorCodes.ContentBlocked),
            await alice.StatusAsync(alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("違禁詞.bin", 10, null))));
        Assert.Equal("****.txt", (await alice.UploadAsync(bytes, "发票代开.txt", "text/plain")).Name);
        Assert.Equal("****-2.bin", (await alice.Ok<UploadDto>(alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("发票代开-2.bin", 10, null)))).Name);

        Assert.Equal("内部价格.txt", (await alice.UploadAsync(bytes, "内部价格.txt", "text/plain")).Name);
        var flag = (await officer.Ok<ListResponse<ModerationFlagDto>>(officer.Http.GetAsync("/api/v1/moderation/flags"))).Items.Single();
        Assert.Equal(("FileName", alice.Id, (long?)null, "内部价格"), (flag.Kind, flag.UserId, flag.ConversationId, flag.Patterns.Single()));
    }

    [Fact]
    public async Task RuleWrittenElsewhere_ReachesThisNodeThroughTheSystemStream()
    {
        // Another node (or the CLI) commits a rule: this node has not invalidated its compiled rules itself.
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "g");
        Assert.Equal("远程规则", (await alice.SendAsync(group.Id, "远程规则")).Text); // compiles the (empty) rules here
        await _server.Services.GetRequiredService<WriteQueue>().ExecuteAsync(w =>
        {
            var id = Server.Features.Moderation.ModerationStore.Insert(w, new Server.Features.Moderation.ModerationRuleRecord(0, "远程规则", "远程规则", ModerationActions.Mask, "", null, 0));
            SystemLog.Append(w, Actor.System, SystemEventTypes.ModerationRuleAdded, id);
            return id;
        });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string text;
        do
        {
            text = (await alice.SendAsync(group.Id, "远程规则")).Text;
            if (text != "远程规则") break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal("****", text);
    }
}
