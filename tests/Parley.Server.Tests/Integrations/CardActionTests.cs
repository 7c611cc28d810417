using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>
/// Issue 17: interactive cards. A click calls the hook's action URL signed with the Standard Webhooks scheme; the
/// examples' approval bot (a real Node process) verifies it with the independent npm `standardwebhooks` package and
/// answers with an updated card that every member sees live. Ephemeral answers reach the clicker only; a slow
/// integration gives the clicker a clear 504; outsiders cannot click. Both providers.
/// </summary>
public class CardActionTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private WebApplication _receiver = null!;
    private string _receiverUrl = "";

    public async Task InitializeAsync()
    {
        // A second real HTTP integration in this process: answers ephemerally, or too late.
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _receiver = builder.Build();
        _receiver.MapPost("/ephemeral", () => Results.Json(new { response_type = "ephemeral", text = "Only you see this: ticket 42 is **open**" }));
        _receiver.MapPost("/slow", async () => { await Task.Delay(4000); return Results.Json(new { replace_original = true, text = "too late" }); });
        await _receiver.StartAsync();
        _receiverUrl = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            // The integrations run on this machine: loopback must be allowed explicitly (the SSRF guard refuses it otherwise).
            ["Parley:Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["Parley:IncomingWebhooks:ActionTimeout"] = "00:00:01.5",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private static readonly CardDto TwoButtons = new([
        new CardBlockDto("section", "Ticket 42"),
        new CardBlockDto("input", Inputs: [new CardInputDto("note", "text", "Note")]),
        new CardBlockDto("actions", Buttons: [new CardButtonDto("look", "Look up", "42"), new CardButtonDto("close", "Close", "42", "danger")]),
    ]);

    private async Task<(Session Alice, Session Bob, ConversationDto Group, MessageDto Card)> CardAsync(string actionUrl)
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "support", bob.Id);
        var hook = await alice.CreateHookAsync(group.Id, "CRM", actionUrl);
        using var res = await _server.PostJson(hook.Url, JsonSerializer.Serialize(new { text = "Ticket 42", card = TwoButtons }, Json.Options));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return (alice, bob, group, await alice.LatestAsync(group.Id));
    }

    private static Task<HttpResponseMessage> Click(Session s, long messageId, string actionId, string? value = null, Dictionary<string, string>? inputs = null) =>
        s.Http.PostAsJsonAsync($"/api/v1/messages/{messageId}/card-actions", new CardActionRequest(actionId, value, inputs));

    [Fact]
    public async Task ApprovalBot_ClickIsSignedAndVerified_CardUpdatedForEveryoneLive()
    {
        var folder = NodeTools.Folder("approval-bot", "examples");
        await NodeTools.InstallAsync(folder, "standardwebhooks");
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "approvals", bob.Id);
        var port = Ports.Free();
        var hook = await alice.CreateHookAsync(group.Id, "Approvals", $"http://127.0.0.1:{port}/actions");
        Process? bot = null;
        try
        {
            bot = await NodeTools.StartAsync(folder, "approval bot", new Dictionary<string, string>
            {
                ["PARLEY_HOOK_URL"] = hook.Url, ["PARLEY_SIGNING_SECRET"] = hook.SigningSecret, ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            using var botHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            (await botHttp.PostAsJsonAsync("/requests", new { title = "Expense claim: client dinner", requester = "Zhang San", amount = "¥860" })).EnsureSuccessStatusCode();
            var card = await alice.LatestAsync(group.Id);
            Assert.Equal(["approve", "reject"], card.Card!.Blocks.Single(b => b.Type == "actions").Buttons!.Select(b => b.ActionId));

            await using var aliceHub = _server.Hub(alice.Token);
            var events = new EventCollector(aliceHub);
            await aliceHub.StartAsync();
            var result = await bob.Ok<CardActionResultDto>(Click(bob, card.Id, "approve", "req-1", new() { ["comment"] = "fine" }));

            Assert.Equal(CardActionOutcomes.Updated, result.Outcome);
            var shown = await events.WaitAsync(e => e.Type == EventTypes.MessageEdited && e.Data.GetProperty("id").GetInt64() == card.Id, "the edited card, live");
            var live = shown.Data.Deserialize<MessageDto>(Json.Options)!;
            Assert.Contains($"Approved by **{bob.User.DisplayName}**", live.Card!.Blocks.Single(b => b.Text?.Contains("Approved", StringComparison.Ordinal) == true).Text, StringComparison.Ordinal);
            Assert.DoesNotContain(live.Card.Blocks, b => b.Type == "actions"); // decided: no more buttons
            Assert.Contains("Comment: fine", live.Card.Blocks.Select(b => b.Text), StringComparer.Ordinal);
            Assert.Equal(HookClient.Shape(live.Card), HookClient.Shape((await alice.LatestAsync(group.Id)).Card));
            Assert.NotNull((await alice.LatestAsync(group.Id)).EditedAt);

            // The bot checked the signature with npm standardwebhooks (an implementation independent of Parley's).
            var log = JsonDocument.Parse(await botHttp.GetStringAsync("/log")).RootElement;
            Assert.True(log.GetArrayLength() == 1 && log[0].GetProperty("verified").GetBoolean() && log[0].GetProperty("user").GetString() == bob.User.Username,
                "the bot must have verified exactly one signed click by bob: " + log);
        }
        finally
        {
            await NodeTools.StopAsync(bot);
        }
    }

    [Fact]
    public async Task WrongSecret_BotRefusesTheSignature_ClickerGets502_CardUnchanged()
    {
        var folder = NodeTools.Folder("approval-bot", "examples");
        await NodeTools.InstallAsync(folder, "standardwebhooks");
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "approvals");
        var port = Ports.Free();
        var hook = await alice.CreateHookAsync(group.Id, "Approvals", $"http://127.0.0.1:{port}/actions");
        Process? bot = null;
        try
        {
            // The bot trusts another secret than the hook signs with: Parley's signature must not verify.
            bot = await NodeTools.StartAsync(folder, "approval bot", new Dictionary<string, string>
            {
                ["PARLEY_HOOK_URL"] = hook.Url, ["PARLEY_SIGNING_SECRET"] = "whsec_" + Convert.ToBase64String(new byte[32]), ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            using var botHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            (await botHttp.PostAsJsonAsync("/requests", new { title = "Laptop" })).EnsureSuccessStatusCode();
            var card = await alice.LatestAsync(group.Id);
            Assert.Equal((HttpStatusCode.BadGateway, IntegrationErrorCodes.CardActionFailed), await alice.StatusAsync(Click(alice, card.Id, "approve")));
            Assert.Equal(HookClient.Shape(card.Card), HookClient.Shape((await alice.LatestAsync(group.Id)).Card));
            var log = JsonDocument.Parse(await botHttp.GetStringAsync("/log")).RootElement;
            Assert.False(log[0].GetProperty("verified").GetBoolean(), "a click signed with another secret must fail verification: " + log);
        }
        finally
        {
            await NodeTools.StopAsync(bot);
        }
    }

    [Fact]
    public async Task EphemeralAnswer_ReachesOnlyTheClicker_NothingStored()
    {
        var (alice, bob, group, card) = await CardAsync(_receiverUrl + "/ephemeral");
        await using var aliceHub = _server.Hub(alice.Token);
        await using var bobHub = _server.Hub(bob.Token);
        var aliceEvents = new EventCollector(aliceHub);
        var bobEvents = new EventCollector(bobHub);
        await aliceHub.StartAsync();
        await bobHub.StartAsync();

        var result = await bob.Ok<CardActionResultDto>(Click(bob, card.Id, "look", "42"));
        Assert.Equal((CardActionOutcomes.Ephemeral, "Only you see this: ticket 42 is **open**"), (result.Outcome, result.Ephemeral?.Text));
        var got = await bobEvents.WaitAsync(e => e.Type == IntegrationEventTypes.CardEphemeral, "the ephemeral reply on the clicker's connection");
        Assert.Equal(card.Id, got.Data.GetProperty("messageId").GetInt64());
        await Task.Delay(500);
        Assert.DoesNotContain(aliceEvents.All, e => e.Type == IntegrationEventTypes.CardEphemeral);
        var after = await alice.LatestAsync(group.Id);
        Assert.True(after.Id == card.Id && after.EditedAt is null && HookClient.Shape(after.Card) == HookClient.Shape(card.Card), "an ephemeral answer must leave the message as it was");
    }

    [Fact]
    public async Task SlowIntegration_ClickerGets504Timeout()
    {
        var (_, bob, _, card) = await CardAsync(_receiverUrl + "/slow");
        var started = Stopwatch.StartNew();
        Assert.Equal((HttpStatusCode.GatewayTimeout, IntegrationErrorCodes.CardActionTimeout), await bob.StatusAsync(Click(bob, card.Id, "look")));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3.5), $"the click must end at the 1.5 s action timeout, took {started.Elapsed}");
    }

    [Fact]
    public async Task Click_NonMember404_UnknownActionOrInput_Refused()
    {
        var (alice, _, _, card) = await CardAsync(_receiverUrl + "/ephemeral");
        var outsider = await _server.UserAsync();
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await outsider.StatusAsync(Click(outsider, card.Id, "look")));
        Assert.Equal((HttpStatusCode.Conflict, IntegrationErrorCodes.CardNotInteractive), await alice.StatusAsync(Click(alice, card.Id, "launch")));
        Assert.Equal((HttpStatusCode.Conflict, IntegrationErrorCodes.CardNotInteractive), await alice.StatusAsync(Click(alice, card.Id, "look", "43")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(Click(alice, card.Id, "look", null, new() { ["password"] = "x" })));
        var plain = await alice.SendAsync(card.ConversationId, "no card here");
        Assert.Equal((HttpStatusCode.Conflict, IntegrationErrorCodes.CardNotInteractive), await alice.StatusAsync(Click(alice, plain.Id, "look")));
    }
}
