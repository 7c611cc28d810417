using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>Issue 17: bot users with scoped tokens — hashed at rest, shown once, rotated, deactivated, never a password sign-in.</summary>
public class BotTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_TokenIsStoredOnlyAsHash_AndActsAsTheBot()
    {
        var admin = await _server.AdminAsync();
        var created = await BotClient.CreateAsync(_server, BotScopes.MessagesWrite);
        Assert.StartsWith("plt_", created.Token);

        await using var c = await _server.Services.GetRequiredService<Database>().OpenAsync();
        var hashes = (await c.QueryAsync<byte[]>("SELECT token_hash FROM sessions WHERE user_id = @id", new { id = created.Id })).ToList();
        Assert.Equal([Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(created.Token)))], hashes.Select(Convert.ToHexString));
        var anywhere = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM sessions WHERE user_agent LIKE @t OR provider LIKE @t", new { t = "%" + created.Token + "%" });
        Assert.True(anywhere == 0, "the plain token must not be stored anywhere");

        using var bot = _server.Client(created.Token);
        var me = (await bot.GetFromJsonAsync<UserDto>("/api/v1/users/me", Json.Options))!;
        Assert.True(me.IsBot, "a bot's own record must say it is a bot (the web client's badge)");
        Assert.Empty(me.Permissions ?? []);

        var listed = (await admin.Ok<ListResponse<BotDto>>(admin.Http.GetAsync("/api/v1/bots"))).Items.Single(b => b.Id == created.Id);
        Assert.Equal([BotScopes.MessagesWrite], listed.Scopes);
        Assert.DoesNotContain(created.Token, await admin.Http.GetStringAsync("/api/v1/bots"));
    }

    [Fact]
    public async Task Login_WithBotUsername_IsRefusedEvenAfterAPasswordIsForced()
    {
        var admin = await _server.AdminAsync();
        var created = await BotClient.CreateAsync(_server);
        var username = (await admin.Ok<UserDto>(admin.Http.GetAsync($"/api/v1/users/{created.Id}"))).Username;
        // A bot has no password account: an administrator cannot give it one …
        using var reset = await admin.Http.PutAsJsonAsync($"/api/v1/users/{created.Id}/password", new ResetPasswordRequest("Bot-pass-9xq2-long"));
        Assert.Equal(HttpStatusCode.Conflict, reset.StatusCode);
        // … and no sign-in reaches it.
        using var anon = _server.Client();
        using var login = await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(username, "Bot-pass-9xq2-long"));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task RotateToken_OldTokenStopsAtOnce_NewOneWorks()
    {
        var admin = await _server.AdminAsync();
        var created = await BotClient.CreateAsync(_server);
        using var old = _server.Client(created.Token);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/v1/users/me")).StatusCode); // cached now

        var rotated = await admin.Ok<BotTokenDto>(admin.Http.PostAsync($"/api/v1/bots/{created.Id}/token", null));
        Assert.NotEqual(created.Token, rotated.Token);
        Assert.True((await old.GetAsync("/api/v1/users/me")).StatusCode == HttpStatusCode.Unauthorized, "the old token must stop at once, not after the session cache's TTL");
        using var fresh = _server.Client(rotated.Token);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task Deactivate_TokenStops_ReactivateAndRotateBringsItBack()
    {
        var admin = await _server.AdminAsync();
        var created = await BotClient.CreateAsync(_server);
        using var bot = _server.Client(created.Token);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/api/v1/users/me")).StatusCode);
        var off = await admin.Ok<BotDto>(admin.Http.PostAsync($"/api/v1/bots/{created.Id}/deactivate", null));
        Assert.False(off.IsActive);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict), await admin.StatusAsync(admin.Http.PostAsync($"/api/v1/bots/{created.Id}/token", null)));

        await admin.Ok<BotDto>(admin.Http.PostAsync($"/api/v1/bots/{created.Id}/activate", null));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.GetAsync("/api/v1/users/me")).StatusCode);
        var rotated = await admin.Ok<BotTokenDto>(admin.Http.PostAsync($"/api/v1/bots/{created.Id}/token", null));
        using var again = _server.Client(rotated.Token);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/users/me")).StatusCode);
        // An ordinary user is not a bot here.
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await admin.StatusAsync(admin.Http.PostAsync($"/api/v1/bots/{admin.Id}/deactivate", null)));
    }

    [Fact]
    public async Task Create_BadInput_IsA4xxProblem()
    {
        var admin = await _server.AdminAsync();
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/bots", new CreateBotRequest("okbot", null, ["admin:everything"]))));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/bots", new CreateBotRequest("no spaces allowed", null)))).Status);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict),
            await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/bots", new CreateBotRequest("admin", null))));
    }

    [Fact]
    public async Task Scopes_SendReactRead_OnlyInConversationsTheBotIsIn()
    {
        var admin = await _server.AdminAsync();
        var owner = await _server.UserAsync();
        var created = await BotClient.CreateAsync(_server, BotScopes.MessagesWrite);
        var group = await owner.CreateAsync(ConversationKinds.Group, "ci", created.Id);
        var elsewhere = await owner.CreateAsync(ConversationKinds.Group, "private");
        using var bot = _server.Client(created.Token);
        var botSession = new Session(_server, (await bot.GetFromJsonAsync<UserDto>("/api/v1/users/me", Json.Options))!, created.Token);

        var sent = await botSession.SendAsync(group.Id, "build #42 passed");
        Assert.Equal(created.Id, sent.SenderId);
        Assert.Contains(await owner.MessagesAsync(group.Id), m => m.Text == "build #42 passed" && m.SenderId == created.Id);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound),
            await botSession.StatusAsync(bot.PostAsJsonAsync($"/api/v1/conversations/{elsewhere.Id}/messages", new SendMessageRequest("sneak", null, null, null))));
        // Without messages:read / reactions:write the same token reads and reacts nowhere.
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.ScopeMissing), await botSession.StatusAsync(bot.GetAsync($"/api/v1/conversations/{group.Id}/messages")));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.ScopeMissing), await botSession.StatusAsync(bot.PutAsync($"/api/v1/messages/{sent.Id}/reactions/%F0%9F%91%8D", null)));

        // Scopes changed by the administrator apply to the next request.
        await admin.Ok<BotDto>(admin.Http.PutAsJsonAsync($"/api/v1/bots/{created.Id}/scopes", new SetBotScopesRequest([BotScopes.MessagesRead, BotScopes.ReactionsWrite])));
        Assert.Single(await botSession.MessagesAsync(group.Id));
        using var react = await bot.PutAsync($"/api/v1/messages/{sent.Id}/reactions/%F0%9F%91%8D", null);
        Assert.True(react.IsSuccessStatusCode, $"reaction with reactions:write → {(int)react.StatusCode}");
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.ScopeMissing),
            await botSession.StatusAsync(bot.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("no longer", null, null, null))));
    }

    [Fact]
    public async Task Hub_BotReceivesEventsWithReadScope_AndIsRefusedMethodsOutsideItsScopes()
    {
        var owner = await _server.UserAsync();
        var reader = await BotClient.CreateAsync(_server, BotScopes.MessagesRead);
        var group = await owner.CreateAsync(ConversationKinds.Group, "hub", reader.Id);
        await using var hub = _server.Hub(reader.Token);
        var events = new EventCollector(hub);
        await hub.StartRegisteredAsync();
        await owner.SendAsync(group.Id, "deploy now");
        await events.WaitAsync(e => e.Type == EventTypes.MessageCreated && e.ConversationId == group.Id, "message.created on the bot's hub connection");

        var send = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>(HubNames.Send, group.Id, new SendMessageRequest("x", null, null, null)));
        Assert.True(send.Message.Contains(ErrorCodes.ScopeMissing, StringComparison.Ordinal), "Send without messages:write: " + send.Message);
        var watch = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<object>(HubNames.WatchPresence, new[] { owner.Id }));
        Assert.True(watch.Message.Contains(ErrorCodes.ScopeMissing, StringComparison.Ordinal), "WatchPresence by a bot: " + watch.Message);

        // Without messages:read the hub does not open at all.
        var writer = await BotClient.CreateAsync(_server, BotScopes.MessagesWrite);
        await using var refused = _server.Hub(writer.Token);
        await Assert.ThrowsAnyAsync<Exception>(() => refused.StartAsync());
    }
}
