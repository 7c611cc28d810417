using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>
/// Outgoing webhooks end to end: the real server (in-process, or as its own process for the SIGKILL test) delivers to
/// a real receiver process (tests/webhook-receiver, Node) that verifies every signature with the independent
/// standardwebhooks package. Retry timings are shortened through Parley:Webhooks:Delivery so the tests run in seconds.
/// </summary>
public class OutgoingWebhookTests
{
    private static Dictionary<string, string?> Settings(string retryFor = "00:05:00") => new()
    {
        ["Parley:Webhooks:AllowedHosts:0"] = "localhost",
        ["Parley:Webhooks:Delivery:FirstRetryDelay"] = "00:00:00.200",
        ["Parley:Webhooks:Delivery:MaxRetryDelay"] = "00:00:00.500",
        ["Parley:Webhooks:Delivery:PollInterval"] = "00:00:00.100",
        ["Parley:Webhooks:Delivery:RetryFor"] = retryFor,
    };

    private static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    private static async Task<WebhookCreatedDto> CreateHookAsync(HttpClient admin, WebhookReceiver receiver, CreateWebhookRequest request)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/webhooks", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating the webhook answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var created = (await response.Content.ReadFromJsonAsync<WebhookCreatedDto>(Json.Options))!;
        Assert.StartsWith("whsec_", created.Secret);
        await receiver.AddSecretAsync(created.Secret);
        return created;
    }

    [Fact]
    public async Task Deliveries_MessagesAndMembers_ArriveInOrderWithValidSignatures()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var server = await TestServer.StartAsync(Settings());
        var admin = await server.AdminAsync();
        var bob = await server.UserAsync("bob");
        var room = await admin.CreateAsync("channel", "ops");
        var other = await admin.CreateAsync("channel", "elsewhere");
        await CreateHookAsync(admin.Http, receiver, new CreateWebhookRequest(receiver.Url(),
            [WebhookEventTypes.MessageCreated, WebhookEventTypes.MessageUpdated, WebhookEventTypes.MessageDeleted, WebhookEventTypes.MemberJoined], [room.Id], null));
        await CreateHookAsync(admin.Http, receiver, new CreateWebhookRequest(receiver.Url("/hook/deploys"), [WebhookEventTypes.MessageCreated], null, ["deploy"]));

        (await admin.Http.PostAsJsonAsync($"/api/v1/conversations/{room.Id}/members", new AddMembersRequest([bob.Id]))).EnsureSuccessStatusCode();
        var sent = new List<MessageDto>();
        for (var i = 0; i < 10; i++) sent.Add(await admin.SendAsync(room.Id, i == 4 ? "please deploy now" : $"message {i}"));
        await admin.SendAsync(other.Id, "not subscribed, no trigger word");
        (await admin.Http.PatchAsJsonAsync($"/api/v1/messages/{sent[0].Id}", new EditMessageRequest("message 0, edited"))).EnsureSuccessStatusCode();
        (await admin.Http.DeleteAsync($"/api/v1/messages/{sent[1].Id}")).EnsureSuccessStatusCode();

        var all = await Until(receiver.ReceivedAsync, r => r.Count(x => x.Path == "/hook") >= 13 && r.Any(x => x.Path == "/hook/deploys"), "13 deliveries and the trigger word's");
        await Task.Delay(500); // anything extra (a duplicate, the unsubscribed conversation) would arrive now
        all = await receiver.ReceivedAsync();
        Assert.All(all, r => Assert.True(r.Verified, $"delivery {r.WebhookId} did not verify with the standardwebhooks package"));
        var main = all.Where(r => r.Path == "/hook").ToList();
        Assert.Equal(["member.joined", .. Enumerable.Repeat("message.created", 10), "message.updated", "message.deleted"], main.Select(r => r.Type));
        Assert.Equal(main.Count, main.Select(r => r.WebhookId).Distinct().Count());
        var created = main.Where(r => r.Type == "message.created").Select(r => r.Data).ToList();
        Assert.Equal(sent.Select(m => m.Seq), created.Select(d => d.GetProperty("seq").GetInt64()));
        Assert.Equal(sent.Select(m => m.Id), created.Select(d => d.GetProperty("messageId").GetInt64()));
        Assert.All(created, d => Assert.Equal(room.Id, d.GetProperty("conversationId").GetInt64()));
        Assert.Equal("admin", created[0].GetProperty("sender").GetProperty("username").GetString());
        Assert.Equal("message 0, edited", main[11].Data.GetProperty("text").GetString());
        Assert.Equal(bob.Id, main[0].Data.GetProperty("user").GetProperty("id").GetInt64());
        var trigger = Assert.Single(all, r => r.Path == "/hook/deploys");
        Assert.Equal("please deploy now", trigger.Data.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Deliveries_ReceiverFailsForAWhile_RetriedUntilAllArriveInOrder()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var server = await TestServer.StartAsync(Settings());
        var admin = await server.AdminAsync();
        var room = await admin.CreateAsync("channel", "flaky");
        var hook = await CreateHookAsync(admin.Http, receiver, new CreateWebhookRequest(receiver.Url(), [WebhookEventTypes.MessageCreated], [room.Id], null));
        await receiver.FailingAsync(true);
        var sent = new List<MessageDto>();
        for (var i = 0; i < 5; i++) sent.Add(await admin.SendAsync(room.Id, $"during outage {i}"));
        await Until(receiver.ReceivedAsync, r => r.Count(x => x.Answered == 500) >= 3, "three refused attempts");
        await receiver.FailingAsync(false);

        var ok = (await Until(receiver.ReceivedAsync, r => r.Count(x => x.Answered == 204) >= 5, "all five after the outage")).Where(r => r.Answered == 204).ToList();
        Assert.Equal(sent.Select(m => m.Id), ok.Select(r => r.Data.GetProperty("messageId").GetInt64()));
        var retried = (await receiver.ReceivedAsync()).Where(r => r.Answered == 500).Select(r => r.WebhookId).Distinct().ToList();
        Assert.True(retried.Count == 1 && retried[0] == ok[0].WebhookId,
            "While the first delivery of the conversation fails, later ones must wait behind it (order per conversation), and its retries keep its webhook-id.");
        var log = (await admin.Http.GetFromJsonAsync<ListResponse<WebhookDeliveryDto>>($"/api/v1/webhooks/{hook.Id}/deliveries", Json.Options))!.Items;
        Assert.All(log, d => Assert.Equal(WebhookDeliveryStatus.Delivered, d.Status));
        Assert.True(log.Single(d => d.WebhookId == ok[0].WebhookId).Attempts >= 4, "the delivery log counts the failed attempts");
    }

    [Fact]
    public async Task DeadLetter_RetryWindowPassed_ParkedThenReplayedWithSameWebhookId()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var server = await TestServer.StartAsync(Settings(retryFor: "00:00:01"));
        var admin = await server.AdminAsync();
        var room = await admin.CreateAsync("channel", "dead");
        var hook = await CreateHookAsync(admin.Http, receiver, new CreateWebhookRequest(receiver.Url(), [WebhookEventTypes.MessageCreated], [room.Id], null));
        await receiver.FailingAsync(true);
        await admin.SendAsync(room.Id, "lost for a while");
        var dead = (await Until(() => admin.Http.GetFromJsonAsync<ListResponse<WebhookDeliveryDto>>($"/api/v1/webhooks/{hook.Id}/deliveries?status=dead", Json.Options)!,
            l => l!.Items.Count == 1, "the delivery to be parked"))!.Items[0];
        Assert.Equal("HTTP 500", dead.LastError);
        Assert.Equal(1, (await admin.Http.GetFromJsonAsync<WebhookDto>($"/api/v1/webhooks/{hook.Id}", Json.Options))!.Dead);

        await receiver.FailingAsync(false);
        var replay = await admin.Http.PostAsync($"/api/v1/webhooks/{hook.Id}/deliveries/{dead.Id}/replay", null);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<WebhookReplayDto>(Json.Options))!.Replayed);
        var ok = await Until(receiver.ReceivedAsync, r => r.Any(x => x.Answered == 204), "the replayed delivery");
        Assert.Equal(dead.WebhookId, ok.Single(x => x.Answered == 204).WebhookId);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.PostAsync($"/api/v1/webhooks/{hook.Id}/deliveries/{dead.Id}/replay", null)).StatusCode);
    }

    [Fact]
    public async Task DeliveryLog_DeliveredOlderThanKeepDelivered_Removed()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var settings = Settings();
        settings["Parley:Webhooks:Delivery:KeepDelivered"] = "00:00:01";
        await using var server = await TestServer.StartAsync(settings);
        var admin = await server.AdminAsync();
        var room = await admin.CreateAsync("channel", "kept");
        var hook = await CreateHookAsync(admin.Http, receiver, new CreateWebhookRequest(receiver.Url(), [WebhookEventTypes.MessageCreated], [room.Id], null));
        await admin.SendAsync(room.Id, "delivered, then forgotten");
        await Until(receiver.ReceivedAsync, r => r.Any(x => x.Answered == 204), "the delivery");
        await Until(() => admin.Http.GetFromJsonAsync<ListResponse<WebhookDeliveryDto>>($"/api/v1/webhooks/{hook.Id}/deliveries", Json.Options)!,
            l => l!.Items.Count == 0, "the delivered entry to leave the log after KeepDelivered", seconds: 10);
    }

    [Fact]
    public async Task Create_InternalTarget_Refused422TargetForbidden()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.AdminAsync();
        string[] urls = ["http://127.0.0.1:9/hook", "http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/hook",
            "http://localhost:9/hook", "http://[::ffff:127.0.0.1]/hook", "https://192.168.10.20/hook"];
        foreach (var url in urls)
        {
            var (status, code) = await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/webhooks", new CreateWebhookRequest(url, [WebhookEventTypes.MessageCreated], null, null)));
            Assert.True((status, code) == (HttpStatusCode.UnprocessableEntity, "target_forbidden"), $"{url} was answered {status} {code}, not 422 target_forbidden");
        }
        Assert.Empty((await admin.Http.GetFromJsonAsync<ListResponse<WebhookDto>>("/api/v1/webhooks", Json.Options))!.Items);
    }

    [Fact]
    public async Task Create_BadInput_ProblemDetails()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.AdminAsync();
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "invalid_target"),
            await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/webhooks", new CreateWebhookRequest("ftp://example.com/", [WebhookEventTypes.MessageCreated], null, null))));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"),
            await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/webhooks", new CreateWebhookRequest("https://example.com/", ["message.exploded"], null, null))));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"),
            await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/webhooks", new CreateWebhookRequest("https://example.com/", [WebhookEventTypes.MessageCreated], [987654], null))));
        var bob = await server.UserAsync("bob");
        var direct = await admin.CreateAsync("direct", null, bob.Id);
        var (status, code) = await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/webhooks", new CreateWebhookRequest("https://example.com/", [WebhookEventTypes.MessageCreated], [direct.Id], null)));
        Assert.True((status, code) == (HttpStatusCode.BadRequest, "validation_failed"), "A webhook must not follow two people's direct conversation.");
    }

    [Fact]
    public async Task Delivery_RedirectToLoopbackAddress_RecordedAsTargetForbidden()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var server = await TestServer.StartAsync(Settings());
        var admin = await server.AdminAsync();
        var room = await admin.CreateAsync("channel", "redirected");
        // localhost is allowed; the redirect leads to 127.0.0.1 by address, which is not.
        var hook = await CreateHookAsync(admin.Http, receiver, new CreateWebhookRequest(receiver.Url("/redirect"), [WebhookEventTypes.MessageCreated], [room.Id], null));
        await admin.SendAsync(room.Id, "follow me");
        var log = await Until(() => admin.Http.GetFromJsonAsync<ListResponse<WebhookDeliveryDto>>($"/api/v1/webhooks/{hook.Id}/deliveries", Json.Options)!,
            l => l!.Items.Count == 1 && l.Items[0].Attempts >= 1, "a failed attempt");
        Assert.StartsWith("target_forbidden", log!.Items[0].LastError);
        Assert.Empty(await receiver.ReceivedAsync());
    }

    [Fact]
    public async Task Manage_WithoutIntegrationsPermission_Refused403()
    {
        await using var server = await TestServer.StartAsync();
        var admin = await server.AdminAsync();
        var member = await server.UserAsync("carol");
        var created = await admin.Ok<WebhookCreatedDto>(admin.Http.PostAsJsonAsync("/api/v1/webhooks", new CreateWebhookRequest("https://example.com/hook", [WebhookEventTypes.MessageCreated], null, null)));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.StatusAsync(member.Http.PostAsJsonAsync("/api/v1/webhooks", new CreateWebhookRequest("https://example.com/x", [WebhookEventTypes.MessageCreated], null, null)))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.GetAsync("/api/v1/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.GetAsync($"/api/v1/webhooks/{created.Id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.DeleteAsync($"/api/v1/webhooks/{created.Id}")).StatusCode);
        var listed = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/webhooks", Json.Options)).GetRawText();
        Assert.DoesNotContain(created.Secret, listed);
    }

    [Fact]
    public async Task Sigkill_MidStream_EveryEventArrivesAtLeastOnceDuplicatesShareWebhookId()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var server = new ServerProcess();
        // Short leases: the restarted process is a new node and waits out the dead one's subscriber and sender leases.
        var settings = Settings();
        settings["Parley:Subscribers:LeaseDuration"] = "00:00:03";
        settings["Parley:Webhooks:Delivery:LeaseDuration"] = "00:00:03";
        var args = settings.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        await server.StartAsync(args);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var setup = await http.PostAsJsonAsync("/api/v1/setup", new SetupRequest("admin", TestServer.AdminPassword, null));
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await setup.Content.ReadFromJsonAsync<LoginResponse>())!.Token);
        var room = (await (await http.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest("channel", "crash", null, null))).Content.ReadFromJsonAsync<ConversationDto>())!;
        var created = await CreateHookAsync(http, receiver, new CreateWebhookRequest(receiver.Url(), [WebhookEventTypes.MessageCreated], [room.Id], null));

        var acked = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            var res = await http.PostAsJsonAsync($"/api/v1/conversations/{room.Id}/messages", new SendMessageRequest($"before {i}", $"b{i}", null, null));
            acked.Add((await res.Content.ReadFromJsonAsync<MessageDto>())!.Id);
        }
        await Until(receiver.ReceivedAsync, r => r.Count >= 5, "the first deliveries"); // mid-stream: some delivered, most not
        server.Kill();
        await server.StartAsync(args);
        for (var i = 0; i < 10; i++)
        {
            var res = await http.PostAsJsonAsync($"/api/v1/conversations/{room.Id}/messages", new SendMessageRequest($"after {i}", $"a{i}", null, null));
            acked.Add((await res.Content.ReadFromJsonAsync<MessageDto>())!.Id);
        }

        var all = await Until(receiver.ReceivedAsync, r => acked.All(id => r.Any(x => x.Verified && x.Data.GetProperty("messageId").GetInt64() == id)),
            "every acknowledged message's delivery after the restart", seconds: 30);
        Assert.All(all, r => Assert.True(r.Verified, "a delivery did not verify"));
        foreach (var group in all.GroupBy(r => r.Data.GetProperty("messageId").GetInt64()))
            Assert.True(group.Select(r => r.WebhookId).Distinct().Count() == 1, $"message {group.Key} came {group.Count()} times with different webhook-ids: duplicates must be recognisable");
        var firstSeen = all.Select(r => r.Data.GetProperty("messageId").GetInt64()).Distinct().ToList();
        Assert.Equal(acked, firstSeen);
        Assert.True(all.Select(r => r.WebhookId).Distinct().Count() == acked.Count, "one webhook-id per event");
        _ = created;
    }
}
