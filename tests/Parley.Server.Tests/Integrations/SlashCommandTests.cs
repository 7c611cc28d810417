using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>Issue 17: built-in slash commands run through the existing services; the text is never stored and replies are the sender's alone.</summary>
public class SlashCommandTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<SlashCommandResultDto> Run(Session s, long conversationId, string text)
    {
        using var res = await s.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new SendMessageRequest(text, null, null, null));
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{text} → {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        var result = (await res.Content.ReadFromJsonAsync<SlashCommandResultDto>(Json.Options))!;
        Assert.Equal(SlashResponseTypes.Ephemeral, result.ResponseType);
        return result;
    }

    [Fact]
    public async Task Topic_SetsTopic_StoresNoText_AndRepliesToTheSenderOnly()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "team", bob.Id);
        await using var aliceHub = _server.Hub(alice.Token);
        await using var bobHub = _server.Hub(bob.Token);
        var aliceEvents = new EventCollector(aliceHub);
        var bobEvents = new EventCollector(bobHub);
        await Task.WhenAll(aliceHub.StartRegisteredAsync(), bobHub.StartRegisteredAsync());

        var result = await Run(alice, group.Id, "/topic Q3 release 发布");
        Assert.Equal(("/topic", "topic_set", "Q3 release 发布"), (result.Command, result.Key, result.Args?["topic"]));
        Assert.Equal("Q3 release 发布", (await bob.ConversationAsync(group.Id)).Topic);
        Assert.True((await bob.MessagesAsync(group.Id)).All(m => m.Text?.Contains("/topic", StringComparison.Ordinal) != true), "the command's text must not be stored as a message");

        await aliceEvents.WaitAsync(e => e.Type == EventTypes.CommandReply && e.ConversationId == group.Id, "command.reply to the sender");
        await bobEvents.WaitAsync(e => e.Type == EventTypes.ConversationUpdated && e.ConversationId == group.Id, "the topic change reaches members");
        Assert.DoesNotContain(bobEvents.All, e => e.Type == EventTypes.CommandReply);
    }

    [Fact]
    public async Task Invite_Leave_Mute_UseTheConversationRules()
    {
        var alice = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var channel = await alice.CreateAsync(ConversationKinds.Channel, "ops");

        await Run(alice, channel.Id, $"/invite @{carol.User.Username}");
        Assert.Contains((await carol.Ok<ListResponse<ConversationDto>>(carol.Http.GetAsync("/api/v1/conversations"))).Items, c => c.Id == channel.Id);

        Assert.Contains("muted", (await Run(carol, channel.Id, "/mute")).Text);
        Assert.True((await carol.ConversationAsync(channel.Id)).Muted, "/mute must mute");
        Assert.Contains("unmuted", (await Run(carol, channel.Id, "/mute")).Text);
        Assert.False((await carol.ConversationAsync(channel.Id)).Muted, "a second /mute must unmute");

        await Run(carol, channel.Id, "/leave");
        Assert.DoesNotContain((await carol.Ok<ListResponse<ConversationDto>>(carol.Http.GetAsync("/api/v1/conversations"))).Items, c => c.Id == channel.Id);

        // An unknown name is a usage reply, not an error page; nobody was added.
        Assert.Contains("No active user @nobody-here", (await Run(alice, channel.Id, "/invite @nobody-here")).Text);
    }

    [Fact]
    public async Task Invite_IntoGroup_ByPlainMember_IsRefusedLikeTheEndpoint()
    {
        var owner = await _server.UserAsync();
        var member = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var group = await owner.CreateAsync(ConversationKinds.Group, "closed", member.Id);
        using var res = await member.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest($"/invite @{outsider.User.Username}", null, null, null));
        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        Assert.Equal(2, (await owner.ConversationAsync(group.Id)).MemberCount);
    }

    [Fact]
    public async Task Remind_SetsAReminderOnTheLatestMessage_InTheUsersZone()
    {
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "r");
        var latest = await alice.SendAsync(group.Id, "ship it");
        await Run(alice, group.Id, "/remind 10m");
        var reminder = (await alice.Ok<ListResponse<ReminderDto>>(alice.Http.GetAsync("/api/v1/reminders"))).Items.Single();
        Assert.Equal(latest.Id, reminder.MessageId);
        Assert.InRange(reminder.At - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));

        Assert.Contains("Usage", (await Run(alice, group.Id, "/remind someday")).Text);
    }

    [Fact]
    public async Task Poll_CreatesAPollMessage()
    {
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "p");
        await Run(alice, group.Id, "/poll \"Lunch?\" \"面条\" \"Rice bowl\"");
        var poll = (await alice.MessagesAsync(group.Id)).Single().Poll!;
        Assert.Equal("Lunch?", poll.Question);
        Assert.Equal(["面条", "Rice bowl"], poll.Options.Select(o => o.Text));
        Assert.Contains("/poll \"Question\" \"A\" \"B\"", (await Run(alice, group.Id, "/poll \"Only a question\"")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_RepliesWithHelp_PathsAndBotsStayMessages_NonMemberGets404()
    {
        var alice = await _server.UserAsync();
        var stranger = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "u");
        var help = await Run(alice, group.Id, "/frobnicate now");
        Assert.Contains("/topic", help.Text);
        Assert.Empty(await alice.MessagesAsync(group.Id));

        var path = await alice.SendAsync(group.Id, "/usr/bin is where it lives");
        Assert.Equal("/usr/bin is where it lives", path.Text);

        var bot = await BotClient.CreateAsync(_server, BotScopes.MessagesWrite);
        (await alice.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/members", new AddMembersRequest([bot.Id]))).EnsureSuccessStatusCode();
        using var botHttp = _server.Client(bot.Token);
        using var botSend = await botHttp.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("/topic not a command for bots", null, null, null));
        Assert.Equal(HttpStatusCode.Created, botSend.StatusCode);

        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound),
            await stranger.StatusAsync(stranger.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("/frobnicate", null, null, null))));
    }

    [Fact]
    public async Task List_OffersEveryBuiltIn()
    {
        var alice = await _server.UserAsync();
        var list = (await alice.Ok<ListResponse<SlashCommandDto>>(alice.Http.GetAsync("/api/v1/slash-commands"))).Items;
        Assert.Equal(["/invite", "/leave", "/mute", "/topic", "/remind", "/poll"], list.Select(c => c.Command));
    }
}
