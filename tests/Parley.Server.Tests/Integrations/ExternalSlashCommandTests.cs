using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>
/// Issue 17: slash commands an administrator registers, run with Slack's protocol against a real receiver process
/// (tests/webhook-receiver, Node) that checks every request's Standard Webhooks signature with the standardwebhooks
/// package and answers as each test tells it. Response URLs live 5 s here (Parley:SlashCommands:ResponseUrlLifetime).
/// </summary>
public class ExternalSlashCommandTests : IAsyncLifetime
{
    private readonly WebhookReceiver _receiver = new();
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Webhooks:AllowedHosts:0"] = "localhost",
            ["Parley:SlashCommands:ResponseUrlLifetime"] = "00:00:05",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<CreatedSlashCommandDto> RegisterAsync(string command)
    {
        var admin = await _server.AdminAsync();
        using var res = await admin.Http.PostAsJsonAsync("/api/v1/slash-commands", new CreateSlashCommandRequest(command, _receiver.Url("/command"), "Weather for a city", $"{command} city"));
        Assert.True(res.StatusCode == HttpStatusCode.Created, $"registering {command} answered {(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        var created = (await res.Content.ReadFromJsonAsync<CreatedSlashCommandDto>(Json.Options))!;
        Assert.StartsWith("whsec_", created.Secret);
        await _receiver.AddSecretAsync(created.Secret);
        return created;
    }

    private static async Task<SlashCommandResultDto> RunAsync(Session s, long conversationId, string text)
    {
        using var res = await s.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new SendMessageRequest(text, null, null, null));
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{text} → {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return (await res.Content.ReadFromJsonAsync<SlashCommandResultDto>(Json.Options))!;
    }

    private async Task<WebhookReceiver.Received> LastCallAsync(string command) =>
        (await _receiver.ReceivedAsync()).Last(r => r.Path == "/command" && r.Payload?.GetProperty("command").GetString() == command);

    [Fact]
    public async Task Run_EphemeralAnswer_SignedSlackFormArrives_AndOnlyTheSenderIsAnswered()
    {
        var created = await RegisterAsync("/weather");
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "travel", bob.Id);
        await using var aliceHub = _server.Hub(alice.Token);
        var aliceEvents = new EventCollector(aliceHub);
        await aliceHub.StartAsync();
        await _receiver.CommandAnswerAsync(new Dictionary<string, string> { ["response_type"] = "ephemeral", ["text"] = "Sunny in 上海, 25°C" });

        var result = await RunAsync(alice, group.Id, "/weather 上海");

        Assert.Equal(("/weather", SlashResponseTypes.Ephemeral, "Sunny in 上海, 25°C"), (result.Command, result.ResponseType, result.Text));
        var call = await LastCallAsync("/weather");
        Assert.True(call.Verified, "the receiver's standardwebhooks implementation must verify Parley's signature over the form body");
        var form = call.Payload!.Value;
        Assert.Equal(("上海", group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), alice.User.Username, "travel"),
            (form.GetProperty("text").GetString(), form.GetProperty("channel_id").GetString(), form.GetProperty("user_name").GetString(), form.GetProperty("channel_name").GetString()));
        foreach (var field in new[] { "team_id", "user_id", "response_url", "trigger_id" })
            Assert.False(string.IsNullOrEmpty(form.GetProperty(field).GetString()), $"Slack's field {field} must be sent");
        await aliceEvents.WaitAsync(e => e.Type == EventTypes.CommandReply && e.Data.GetProperty("text").GetString() == "Sunny in 上海, 25°C", "command.reply to the sender");
        Assert.True((await bob.MessagesAsync(group.Id)).All(m => !m.Text.Contains("weather", StringComparison.Ordinal)), "an ephemeral answer must not be stored");

        // The composer's list shows it (with its id), and nothing of its secret.
        using var list = await bob.Http.GetAsync("/api/v1/slash-commands");
        var body = await list.Content.ReadAsStringAsync();
        Assert.Contains("\"/weather\"", body);
        Assert.DoesNotContain(created.Secret[6..], body);
        Assert.DoesNotContain("/command", body);
    }

    [Fact]
    public async Task Run_InChannelAnswer_IsPostedAsTheCommandsIdentity()
    {
        await RegisterAsync("/deploy");
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var channel = await alice.CreateAsync(ConversationKinds.Group, "ops", bob.Id);
        await _receiver.CommandAnswerAsync(new Dictionary<string, string> { ["response_type"] = "in_channel", ["text"] = "Deploying build 42" });

        var result = await RunAsync(alice, channel.Id, "/deploy 42");

        Assert.Equal(SlashResponseTypes.InChannel, result.ResponseType);
        var posted = (await bob.MessagesAsync(channel.Id)).Single(m => m.Text == "Deploying build 42");
        Assert.NotEqual(alice.Id, posted.SenderId);
        var sender = await bob.Ok<UserDto>(bob.Http.GetAsync($"/api/v1/users/{posted.SenderId}"));
        Assert.Equal("deploy", sender.DisplayName);
    }

    [Fact]
    public async Task ResponseUrl_DelayedAnswers_FiveTaken_SixthRefused_UnknownAndExpired404()
    {
        await RegisterAsync("/report");
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "finance", bob.Id);
        await using var aliceHub = _server.Hub(alice.Token);
        var aliceEvents = new EventCollector(aliceHub);
        await aliceHub.StartAsync();
        await _receiver.CommandAnswerAsync(null); // 200 with an empty body: nothing now, answers follow

        var immediate = await RunAsync(alice, group.Id, "/report q3");
        Assert.Null(immediate.Text);
        var responseUrl = new Uri((await LastCallAsync("/report")).Payload!.Value.GetProperty("response_url").GetString()!);
        using var anon = _server.Client();

        async Task<HttpResponseMessage> Answer(string path, string type, string text) =>
            await anon.PostAsync(path, JsonContent.Create(new Dictionary<string, string> { ["response_type"] = type, ["text"] = text }));

        using (var res = await Answer(responseUrl.AbsolutePath, "ephemeral", "Working on it…"))
            Assert.True(res.StatusCode == HttpStatusCode.OK, $"a delayed ephemeral answer → {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        await aliceEvents.WaitAsync(e => e.Type == EventTypes.CommandReply && e.Data.GetProperty("text").GetString() == "Working on it…", "the delayed ephemeral answer");
        using (var res = await Answer(responseUrl.AbsolutePath, "in_channel", "Q3 report: revenue up 8%"))
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains(await bob.MessagesAsync(group.Id), m => m.Text == "Q3 report: revenue up 8%");
        for (var i = 3; i <= 5; i++)
            using (var res = await Answer(responseUrl.AbsolutePath, "ephemeral", $"update {i}"))
                Assert.True(res.StatusCode == HttpStatusCode.OK, $"answer {i} of 5 must be taken");
        using (var sixth = await Answer(responseUrl.AbsolutePath, "ephemeral", "one too many"))
        {
            Assert.Equal(HttpStatusCode.Gone, sixth.StatusCode);
            Assert.Contains("response_url_used_up", await sixth.Content.ReadAsStringAsync());
        }
        using (var unknown = await Answer("/api/v1/slash-commands/responses/psr_guessed", "ephemeral", "x"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        await RunAsync(alice, group.Id, "/report q4");
        var second = new Uri((await LastCallAsync("/report")).Payload!.Value.GetProperty("response_url").GetString()!);
        await Task.Delay(TimeSpan.FromSeconds(5.5));
        using (var expired = await Answer(second.AbsolutePath, "ephemeral", "too late"))
            Assert.True(expired.StatusCode == HttpStatusCode.NotFound, $"an expired response URL must answer 404, not {(int)expired.StatusCode}");
    }

    [Fact]
    public async Task Run_ServiceTooSlow_TheSenderIsToldItDidNotAnswer()
    {
        await RegisterAsync("/slow");
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Channel, "waiting");
        await _receiver.CommandAnswerAsync(new Dictionary<string, string> { ["text"] = "late" }, delayMs: 4500);

        var started = DateTime.UtcNow;
        var result = await RunAsync(alice, group.Id, "/slow");

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4.4), "the 3-second budget must end the wait");
        Assert.Equal((SlashResponseTypes.Ephemeral, "no_answer", "/slow"), (result.ResponseType, result.Key, result.Args?["command"]));
        Assert.True((await alice.MessagesAsync(group.Id)).All(m => m.Text != "late"), "a late answer must not be posted");
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/cmd")]
    [InlineData("http://10.1.2.3/cmd")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]:9/cmd")]
    public async Task Register_InternalTarget_Refused422(string url)
    {
        var admin = await _server.AdminAsync();
        using var res = await admin.Http.PostAsJsonAsync("/api/v1/slash-commands", new CreateSlashCommandRequest("/internal", url, "reaches inside"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, res.StatusCode);
        Assert.Contains("target_forbidden", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_NonAdminOrBuiltInName_Refused_AndDeleteRemovesIt()
    {
        var member = await _server.UserAsync();
        using (var res = await member.Http.PostAsJsonAsync("/api/v1/slash-commands", new CreateSlashCommandRequest("/mine", _receiver.Url("/command"), "mine")))
            Assert.True(res.StatusCode == HttpStatusCode.Forbidden, $"a member without integrations.manage registered a command: {(int)res.StatusCode}");
        var admin = await _server.AdminAsync();
        using (var res = await admin.Http.PostAsJsonAsync("/api/v1/slash-commands", new CreateSlashCommandRequest("/Poll", _receiver.Url("/command"), "shadow")))
            Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);

        var created = await RegisterAsync("/gone");
        using (var again = await admin.Http.PostAsJsonAsync("/api/v1/slash-commands", new CreateSlashCommandRequest("/gone", _receiver.Url("/command"), "twice")))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var del = await member.Http.DeleteAsync($"/api/v1/slash-commands/{created.Id}"))
            Assert.Equal(HttpStatusCode.Forbidden, del.StatusCode);
        using (var del = await admin.Http.DeleteAsync($"/api/v1/slash-commands/{created.Id}"))
            Assert.Equal(HttpStatusCode.NoContent, del.StatusCode);
        var list = await member.Ok<ListResponse<SlashCommandDto>>(member.Http.GetAsync("/api/v1/slash-commands"));
        Assert.DoesNotContain(list.Items, c => c.Command == "/gone");
        var group = await member.CreateAsync(ConversationKinds.Channel, "after");
        Assert.Equal("unknown", (await RunAsync(member, group.Id, "/gone")).Key);
    }
}
