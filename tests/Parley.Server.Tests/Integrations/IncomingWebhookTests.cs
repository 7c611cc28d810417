using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>
/// Issue 17: incoming webhooks with Slack's payloads (JSON, form payload=, plain text, attachments, blocks), Parley's
/// own cards, the rules around them (bad JSON, revoked tokens, the per-hook rate, card validation) and who may manage
/// hooks. Both providers.
/// </summary>
public class IncomingWebhookTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:IncomingWebhooks:RequestsPerMinute"] = "10",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(Session Owner, ConversationDto Group, CreatedIncomingWebhookDto Hook)> HookAsync(string name = "Alerts")
    {
        var owner = await _server.UserAsync();
        var group = await owner.CreateAsync(ConversationKinds.Group, "ops");
        return (owner, group, await owner.CreateHookAsync(group.Id, name));
    }

    private static async Task<(int Status, string Body)> Post(string url, string body, string contentType = "application/json") =>
        await HookClient.Post(null!, url, new StringContent(body, Encoding.UTF8, contentType));

    private static string? CodeOf(string body) => JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;

    [Fact]
    public async Task Create_ByOwner_GivesTokenAndUrl_PlainTextPostAppearsFromTheHookIdentity()
    {
        var (owner, group, hook) = await HookAsync("Build bot");
        Assert.StartsWith("phk_", hook.Token, StringComparison.Ordinal);
        Assert.Equal($"{_server.BaseAddress.ToString().TrimEnd('/')}/api/v1/hooks/{hook.Token}", hook.Url);
        Assert.StartsWith("whsec_", hook.SigningSecret, StringComparison.Ordinal);

        var (status, body) = await Post(hook.Url, "deploy finished", "text/plain");
        Assert.True(status == 200 && body == "ok", $"a plain-text post must answer 200 ok, got {status} {body}");
        var m = await owner.LatestAsync(group.Id);
        Assert.Equal(("deploy finished", hook.Hook.BotUserId), (m.Text, m.SenderId));
        var identity = await owner.Ok<UserDto>(owner.Http.GetAsync($"/api/v1/users/{hook.Hook.BotUserId}"));
        Assert.Equal("Build bot", identity.DisplayName);
        // The token is never listed again.
        var listed = await owner.Http.GetStringAsync($"/api/v1/conversations/{group.Id}/incoming-webhooks");
        Assert.Contains("Build bot", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.Token, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.SigningSecret, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackText_MrkdwnLinksAndBold_BecomeMarkdown()
    {
        var (owner, group, hook) = await HookAsync();
        var (status, _) = await Post(hook.Url, """{"text":"*Deploy* of <https://ci.example.com/42|build 42> &amp; ~old~ done","username":"ci","icon_url":"https://x/y.png"}""");
        Assert.Equal(200, status);
        var m = await owner.LatestAsync(group.Id);
        Assert.Equal("**Deploy** of [build 42](<https://ci.example.com/42>) & ~~old~~ done", m.Text);
        Assert.Null(m.Card);
    }

    [Fact]
    public async Task SlackAttachments_BecomeACard_WithColorTitleLinkFieldsAndFooter()
    {
        var (owner, group, hook) = await HookAsync();
        var payload = """
            {"attachments":[{"fallback":"Ticket #7 opened","color":"danger","title":"Ticket #7: printer on fire","title_link":"https://crm.example.com/t/7",
              "text":"Customer *ACME* reports smoke","fields":[{"title":"Priority","value":"High","short":true},{"title":"Owner","value":"Li Wei","short":true}],
              "footer":"CRM"}]}
            """;
        var (status, body) = await Post(hook.Url, payload);
        Assert.True(status == 200, body);
        var m = await owner.LatestAsync(group.Id);
        Assert.Equal("Ticket #7 opened", m.Text); // no text: the fallback stands for the card in notifications and search
        var card = m.Card ?? throw new Xunit.Sdk.XunitException("the attachment must arrive as the message's card");
        Assert.Equal(("danger", "Ticket #7 opened"), (card.Color, card.Fallback));
        Assert.Equal(["header", "section", "context"], card.Blocks.Select(b => b.Type));
        Assert.Equal(("Ticket #7: printer on fire", "https://crm.example.com/t/7"), (card.Blocks[0].Text, card.Blocks[0].Link));
        Assert.Equal("Customer **ACME** reports smoke", card.Blocks[1].Text);
        Assert.Equal([("Priority", "High", true), ("Owner", "Li Wei", true)], card.Blocks[1].Fields!.Select(f => (f.Title, f.Value, f.Inline)));
        Assert.Equal("CRM", card.Blocks[2].Text);
    }

    [Fact]
    public async Task SlackBlocks_SectionContextDividerHeaderAndButtons_BecomeACard()
    {
        var (owner, group, hook) = await HookAsync();
        var payload = """
            {"text":"Leave request","blocks":[
              {"type":"header","text":{"type":"plain_text","text":"Leave request"}},
              {"type":"section","text":{"type":"mrkdwn","text":"*Zhang San* asks for 3 days"},"fields":[{"type":"mrkdwn","text":"*From:* Mon"}]},
              {"type":"divider"},
              {"type":"context","elements":[{"type":"mrkdwn","text":"HR system"},{"type":"image","image_url":"https://x/y.png","alt_text":"x"}]},
              {"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Approve"},"action_id":"approve","value":"req-1","style":"primary"}]},
              {"type":"image","image_url":"https://x/y.png","alt_text":"left out"}]}
            """;
        var (status, body) = await Post(hook.Url, payload);
        Assert.True(status == 200, body);
        var m = await owner.LatestAsync(group.Id);
        var card = m.Card!;
        Assert.Equal(["header", "section", "divider", "context", "actions"], card.Blocks.Select(b => b.Type));
        Assert.Equal(("**Zhang San** asks for 3 days", "**From:** Mon"), (card.Blocks[1].Text, card.Blocks[1].Fields![0].Value));
        Assert.Equal(new CardButtonDto("approve", "Approve", "req-1", "primary"), card.Blocks[4].Buttons![0]);
        Assert.Equal(("Leave request", "Leave request"), (m.Text, card.Fallback));
    }

    [Fact]
    public async Task FormEncodedPayload_IsReadLikeSlack()
    {
        var (owner, group, hook) = await HookAsync();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["payload"] = """{"text":"from a form <https://example.com>"}""" });
        var (status, body) = await HookClient.Post(_server, hook.Url, form);
        Assert.True(status == 200, body);
        Assert.Equal("from a form [https://example.com](<https://example.com>)", (await owner.LatestAsync(group.Id)).Text);
    }

    [Fact]
    public async Task NativeCard_IsValidated_BadOnesRefusedWithTheirPath()
    {
        var (owner, group, hook) = await HookAsync();
        var good = JsonSerializer.Serialize(new
        {
            text = "Approve?",
            card = new CardDto([
                new CardBlockDto("section", "Expense **¥300**"),
                new CardBlockDto("input", Inputs: [new CardInputDto("reason", "select", "Reason", Options: [new CardOptionDto("Travel", "t"), new CardOptionDto("Food", "f")])]),
                new CardBlockDto("actions", Buttons: [new CardButtonDto("ok", "Approve", "1", "primary"), new CardButtonDto("no", "Reject", "0", "danger")]),
            ]),
        }, Json.Options);
        Assert.Equal(200, (await Post(hook.Url, good)).Status);
        Assert.Equal(3, (await owner.LatestAsync(group.Id)).Card!.Blocks.Count);

        (string Json, string Path)[] bad =
        [
            ("""{"card":{"blocks":[{"type":"section","text":"x","link":"javascript:alert(1)"}]}}""", "card.blocks[0].link"),
            ("""{"card":{"blocks":[{"type":"marquee","text":"x"}]}}""", "card.blocks[0].type"),
            ("""{"card":{"blocks":[{"type":"actions","buttons":[{"actionId":"a b","text":"x"}]}]}}""", "card.blocks[0].buttons[0].actionId"),
            ("""{"card":{"blocks":[{"type":"actions","buttons":[{"actionId":"a","text":"x","style":"blink"}]}]}}""", "card.blocks[0].buttons[0].style"),
            ("{\"card\":{\"blocks\":[" + string.Join(",", Enumerable.Repeat("""{"type":"divider"}""", 51)) + "]}}", "card.blocks"),
            ("{\"card\":{\"blocks\":[{\"type\":\"section\",\"text\":\"" + new string('x', 3001) + "\"}]}}", "card.blocks[0].text"),
        ];
        foreach (var (json, path) in bad)
        {
            var (status, body) = await Post(hook.Url, json);
            Assert.True(status == 400 && CodeOf(body) == IntegrationErrorCodes.InvalidCard && body.Contains(path, StringComparison.Ordinal),
                $"a card breaking the rule at {path} must be refused with 400 invalid_card naming it, got {status} {body}");
        }
        Assert.Equal(1, (await owner.MessagesAsync(group.Id)).Count(m => m.SenderId == hook.Hook.BotUserId));
    }

    [Fact]
    public async Task BadJsonOrEmpty_Is400Problem_NothingPosted()
    {
        var (owner, group, hook) = await HookAsync();
        foreach (var (body, type) in new[] { ("{\"text\": ", "application/json"), ("[1,2]", "application/json"), ("{\"username\":\"x\"}", "application/json"), ("", "text/plain") })
        {
            var (status, answer) = await Post(hook.Url, body, type);
            Assert.True(status == 400 && CodeOf(answer) == IntegrationErrorCodes.InvalidPayload, $"'{body}' must be 400 invalid_payload, got {status} {answer}");
        }
        Assert.DoesNotContain(await owner.MessagesAsync(group.Id), m => m.SenderId == hook.Hook.BotUserId);
    }

    [Fact]
    public async Task Revoked_Is404_AndItsIdentityLeftTheConversation()
    {
        var (owner, group, hook) = await HookAsync();
        Assert.Equal(200, (await Post(hook.Url, "before", "text/plain")).Status);
        using var revoke = await owner.Http.DeleteAsync($"/api/v1/conversations/{group.Id}/incoming-webhooks/{hook.Id}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var (status, body) = await Post(hook.Url, "after", "text/plain");
        Assert.True(status == 404 && CodeOf(body) == ErrorCodes.NotFound, $"a revoked hook must answer 404, got {status} {body}");
        Assert.Equal((404, "not_found"), ((await Post(hook.Url[..^3] + "xyz", "guess", "text/plain")).Status, "not_found"));
        Assert.DoesNotContain((await owner.Ok<ListResponse<MemberDto>>(owner.Http.GetAsync($"/api/v1/conversations/{group.Id}/members"))).Items, m => m.UserId == hook.Hook.BotUserId);
        Assert.Empty((await owner.Ok<ListResponse<IncomingWebhookDto>>(owner.Http.GetAsync($"/api/v1/conversations/{group.Id}/incoming-webhooks"))).Items);
        Assert.Equal(["before"], (await owner.MessagesAsync(group.Id)).Where(m => m.SenderId == hook.Hook.BotUserId).Select(m => m.Text));
    }

    [Fact]
    public async Task RateLimit_PerHook_Is429WithRetryAfter_OtherHooksUnaffected()
    {
        var (owner, group, hook) = await HookAsync();
        var other = await owner.CreateHookAsync(group.Id, "Other");
        var statuses = new List<int>();
        await RateWindows.ClearOfMinuteBoundaryAsync();
        for (var i = 0; i < 10; i++) statuses.Add((await Post(hook.Url, $"n{i}", "text/plain")).Status);
        Assert.True(statuses.All(s => s == 200), "the first 10 posts of the minute must pass: " + string.Join(",", statuses));
        using var http = new HttpClient();
        using var res = await http.PostAsync(hook.Url, new StringContent("n7", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.TooManyRequests, res.StatusCode);
        Assert.Equal(IntegrationErrorCodes.HookRateLimited, CodeOf(await res.Content.ReadAsStringAsync()));
        Assert.NotNull(res.Headers.RetryAfter);
        Assert.Equal(200, (await Post(other.Url, "still fine", "text/plain")).Status);
    }

    [Fact]
    public async Task Manage_NonMember404_Member403_ConversationsManage201_DirectRefused()
    {
        var owner = await _server.UserAsync();
        var member = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var manager = await _server.UserAsync(null, Roles.SystemAdmin);
        var group = await owner.CreateAsync(ConversationKinds.Group, "finance", member.Id);
        var url = $"/api/v1/conversations/{group.Id}/incoming-webhooks";
        var hook = await owner.CreateHookAsync(group.Id);

        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await outsider.StatusAsync(outsider.Http.PostAsJsonAsync(url, new CreateIncomingWebhookRequest("x"))));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await outsider.StatusAsync(outsider.Http.GetAsync(url)));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await outsider.StatusAsync(outsider.Http.DeleteAsync($"{url}/{hook.Id}")));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), await member.StatusAsync(member.Http.PostAsJsonAsync(url, new CreateIncomingWebhookRequest("x"))));
        Assert.Equal(HttpStatusCode.Created, (await manager.Http.PostAsJsonAsync(url, new CreateIncomingWebhookRequest("by admin"))).StatusCode);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid_target"), await owner.StatusAsync(owner.Http.PostAsJsonAsync(url, new CreateIncomingWebhookRequest("x", "ftp://example.com/"))));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "target_forbidden"), await owner.StatusAsync(owner.Http.PostAsJsonAsync(url, new CreateIncomingWebhookRequest("x", "http://169.254.169.254/latest"))));

        var direct = await owner.CreateAsync(ConversationKinds.Direct, null, member.Id);
        Assert.Equal((HttpStatusCode.Conflict, "conflict"), await manager.StatusAsync(manager.Http.PostAsJsonAsync($"/api/v1/conversations/{direct.Id}/incoming-webhooks", new CreateIncomingWebhookRequest("x"))));
        // Hook identities are not people: the user picker does not offer them.
        var found = await owner.Ok<ListResponse<UserDto>>(owner.Http.GetAsync("/api/v1/users?query=hook-"));
        Assert.Empty(found.Items);
    }

    [Fact]
    public async Task SensitiveWords_MaskCardTexts_BlockRefusesThePost()
    {
        var (owner, group, hook) = await HookAsync();
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        await officer.Ok<ModerationRuleDto>(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules", new CreateModerationRuleRequest("机密", ModerationActions.Mask)));
        await officer.Ok<ModerationRuleDto>(officer.Http.PostAsJsonAsync("/api/v1/moderation/rules", new CreateModerationRuleRequest("违禁词", ModerationActions.Block)));

        var masked = """{"attachments":[{"fallback":"report","title":"机密 report","fields":[{"title":"Note","value":"very 机密"}]}]}""";
        Assert.Equal(200, (await Post(hook.Url, masked)).Status);
        var card = (await owner.LatestAsync(group.Id)).Card!;
        Assert.Equal(("** report", "very **"), (card.Blocks[0].Text, card.Blocks[1].Fields![0].Value));

        var (status, body) = await Post(hook.Url, """{"text":"hello","blocks":[{"type":"section","text":{"type":"plain_text","text":"a 违禁词 here"}}]}""");
        Assert.True(status == 422 && CodeOf(body) == "content_blocked", $"a blocked word on a card must refuse the post like in a text, got {status} {body}");
        Assert.DoesNotContain(await owner.MessagesAsync(group.Id), m => m.Text == "hello");
    }
}
