using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;
using static Parley.Server.Tests.Service.ServiceFixture;

namespace Parley.Server.Tests.Service;

/// <summary>
/// Customer service (issue 18) without the AI first line (no knowledge base here, so chats start waiting): widgets and
/// their origin checks and limits, visitor sessions, routing offers, the accept race, transfer, close and the rating.
/// </summary>
public sealed class ServiceDeskTests : IAsyncLifetime
{
    private const string Shop = "https://shop.example.com";
    private readonly string _webRoot = Path.Combine(Path.GetTempPath(), "parley-tests", "web-" + Guid.NewGuid().ToString("N"));
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_webRoot);
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "index.html"), "<!doctype html><title>Parley</title>");
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Service:SessionsPerMinutePerWidget"] = "8",
            ["Parley:Service:SessionsPerMinutePerAddress"] = "1000", // every test calls from 127.0.0.1
        }, _webRoot);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_webRoot, recursive: true);
    }

    [Fact]
    public async Task VisitorPage_MayBeFramedOnlyByTheWidgetsOrigins_OtherPagesKeepTheirPolicy()
    {
        var listed = await WidgetAsync(_server, null, Shop, "https://m.example.com");
        var open = await WidgetAsync(_server, null);
        using var anon = _server.Client();
        async Task<(string Csp, string? Xfo)> Headers(string path)
        {
            using var res = await anon.GetAsync(path);
            Assert.True(res.IsSuccessStatusCode, $"{path}: {(int)res.StatusCode}");
            var csp = res.Headers.GetValues("Content-Security-Policy").Single();
            return (csp[(csp.IndexOf("frame-ancestors", StringComparison.Ordinal) + "frame-ancestors ".Length)..], res.Headers.TryGetValues("X-Frame-Options", out var x) ? x.Single() : null);
        }
        Assert.Equal(($"{Shop} https://m.example.com", (string?)null), await Headers($"/visitor/{listed.Id}?lang=en"));
        Assert.Equal(("*", (string?)null), await Headers($"/visitor/{open.Id}"));
        Assert.Equal(("'none'", "DENY"), await Headers("/visitor/999999"));
        Assert.Equal(("'none'", "DENY"), await Headers("/"));
    }

    [Fact]
    public async Task CreateWidget_ShowsIdentitySecretOnce_DefaultQueueCreated_PublicConfigHasNoSecret()
    {
        var admin = await _server.AdminAsync();
        var widget = await WidgetAsync(_server, null, Shop);
        Assert.True(widget.IdentitySecret is { Length: > 20 }, "the identity secret must be shown at creation");
        var listed = (await admin.Ok<ListResponse<ServiceWidgetDto>>(admin.Http.GetAsync("/api/v1/service/widgets"))).Items.Single(w => w.Id == widget.Id);
        Assert.Null(listed.IdentitySecret);
        var queues = (await admin.Ok<ListResponse<ServiceQueueDto>>(admin.Http.GetAsync("/api/v1/service/queues"))).Items;
        Assert.Contains(queues, q => q.Id == widget.QueueId && q.Name == "Default");

        using var anon = _server.Client();
        anon.DefaultRequestHeaders.Add("Origin", Shop);
        using var res = await anon.GetAsync($"/api/v1/service/widgets/{widget.Id}/public");
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.IsSuccessStatusCode, body);
        Assert.DoesNotContain(widget.IdentitySecret!, body, StringComparison.Ordinal);
        Assert.Equal(Shop, res.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/api/v1/service/widgets/999999/public")).StatusCode);
    }

    [Fact]
    public async Task StartSession_FromUnlistedOriginOrPage_IsRefused_ListedAndSameOriginPass()
    {
        var widget = await WidgetAsync(_server, null, Shop);
        using var anon = _server.Client();
        async Task<(HttpStatusCode, string)> Start(string? origin, string? page)
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/visitor/sessions") { Content = JsonContent.Create(new CreateVisitorSessionRequest(widget.Id, Page: page)) };
            if (origin is not null) req.Headers.Add("Origin", origin);
            using var res = await anon.SendAsync(req);
            return (res.StatusCode, await res.Content.ReadAsStringAsync());
        }
        var (evil, body) = await Start("https://evil.example.net", null);
        Assert.True(evil == HttpStatusCode.Forbidden && body.Contains(ErrorCodes.OriginNotAllowed, StringComparison.Ordinal), $"an unlisted origin started a chat: {(int)evil} {body}");
        var (evilPage, _) = await Start(null, "https://evil.example.net/phish");
        Assert.Equal(HttpStatusCode.Forbidden, evilPage);
        Assert.Equal(HttpStatusCode.Created, (await Start(Shop, Shop + "/cart")).Item1);
        // The widget's own frame is served by Parley: its origin always passes, the host page's is what is checked.
        Assert.Equal(HttpStatusCode.Created, (await Start(_server.BaseAddress.GetLeftPart(UriPartial.Authority), Shop + "/")).Item1);
    }

    [Fact]
    public async Task StartSession_OverTheWidgetsLimit_Answers429()
    {
        var widget = await WidgetAsync(_server, null);
        using var anon = _server.Client();
        var statuses = new List<HttpStatusCode>();
        await RateWindows.ClearOfMinuteBoundaryAsync();
        for (var i = 0; i < 10; i++)
        {
            using var res = await anon.PostAsJsonAsync("/api/v1/visitor/sessions", new CreateVisitorSessionRequest(widget.Id));
            statuses.Add(res.StatusCode);
            if (res.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.Contains(ErrorCodes.RateLimited, await res.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.True(statuses.Take(8).All(s => s == HttpStatusCode.Created) && statuses.Skip(8).All(s => s == HttpStatusCode.TooManyRequests),
            "Parley:Service:SessionsPerMinutePerWidget=8 should let 8 chats start and refuse the rest: " + string.Join(", ", statuses.Select(s => (int)s)));
    }

    [Fact]
    public async Task StartSession_HtmlInTheName_IsStoredAsText()
    {
        var queue = await QueueAsync(_server);
        var agent = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        const string name = "<img src=x onerror=alert(1)>Ann & <b>Co</b> \"'";
        var visit = await VisitAsync(_server, widget.Id, name);
        var conversation = await ConversationAsync(agent, visit.ConversationId);
        Assert.Equal(name, conversation.Visitor.Name);
        using var visitor = _server.Client(visit.Token);
        var me = (await visitor.GetFromJsonAsync<UserDto>("/api/v1/users/me", Json.Options))!;
        Assert.Equal(name, me.DisplayName);
        Assert.True(me.IsExternal, "a visitor is a person from outside");
        var chat = (await visitor.GetFromJsonAsync<ConversationDto>($"/api/v1/conversations/{visit.ConversationId}", Json.Options))!;
        Assert.Equal(name, chat.Name);
        // Guests cannot enumerate users; members see nobody else but the chat's own members.
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.GetAsync("/api/v1/users/?query=a")).StatusCode);
    }

    [Fact]
    public async Task Offers_RoundRobin_RespectCapacity()
    {
        var queue = await QueueAsync(_server, ServiceRouting.RoundRobin);
        var ann = await AgentAsync(_server, queue.Id, capacity: 1);
        var bob = await AgentAsync(_server, queue.Id, capacity: 2);
        var widget = await WidgetAsync(_server, queue.Id);
        var offered = new List<long?>();
        for (var i = 0; i < 4; i++) offered.Add((await ConversationAsync(ann, (await VisitAsync(_server, widget.Id)).ConversationId)).OfferedTo);
        // Ann (offered longest ago, lowest id) first, then Bob; Ann's one place is taken by her offer, so Bob twice; then nobody.
        Assert.Equal([ann.Id, bob.Id, bob.Id, null], offered);
        var full = (await ann.Ok<ListResponse<ServiceQueueDto>>(ann.Http.GetAsync("/api/v1/service/queues"))).Items.Single(q => q.Id == queue.Id);
        Assert.Equal((4, 0), (full.Waiting, full.Assigned));
        Assert.Equal([(ann.Id, 1, 1), (bob.Id, 2, 2)], full.Agents.Select(a => (a.UserId, a.Capacity, a.Open)));
    }

    [Fact]
    public async Task Offers_LeastBusy_GoToTheAgentWithFewestOpen_AndWaitForAFreePlace()
    {
        var queue = await QueueAsync(_server, ServiceRouting.LeastBusy);
        var ann = await AgentAsync(_server, queue.Id, capacity: 3);
        var widget = await WidgetAsync(_server, queue.Id);
        var first = await VisitAsync(_server, widget.Id);
        var second = await VisitAsync(_server, widget.Id);
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsync($"/api/v1/service/conversations/{first.ConversationId}/accept", null));
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsync($"/api/v1/service/conversations/{second.ConversationId}/accept", null));
        var bob = await AgentAsync(_server, queue.Id, capacity: 1); // joins later, idle
        var third = await ConversationAsync(ann, (await VisitAsync(_server, widget.Id)).ConversationId);
        Assert.Equal(bob.Id, third.OfferedTo); // Ann has 2 open, Bob 0, although Bob was never offered anything
        var fourth = await ConversationAsync(ann, (await VisitAsync(_server, widget.Id)).ConversationId);
        Assert.Equal(ann.Id, fourth.OfferedTo); // Bob is full (one offer), Ann has a place
        var fifth = await ConversationAsync(ann, (await VisitAsync(_server, widget.Id)).ConversationId);
        Assert.Null(fifth.OfferedTo); // Ann 3/3, Bob 1/1: nobody has a place
        // Closing frees Ann's place: the oldest unoffered conversation is offered to her.
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{first.ConversationId}/close", new CloseServiceConversationRequest("done")));
        Assert.Equal(ann.Id, (await ConversationAsync(ann, fifth.ConversationId)).OfferedTo);
    }

    [Fact]
    public async Task Accept_TwoAgentsAtOnce_ExactlyOneWins()
    {
        var queue = await QueueAsync(_server);
        var agents = new[] { await AgentAsync(_server, queue.Id), await AgentAsync(_server, queue.Id), await AgentAsync(_server, queue.Id) };
        var widget = await WidgetAsync(_server, queue.Id);
        for (var round = 0; round < 3; round++)
        {
            var visit = await VisitAsync(_server, widget.Id);
            var results = await Task.WhenAll(agents.Select(a => a.StatusAsync(a.Http.PostAsync($"/api/v1/service/conversations/{visit.ConversationId}/accept", null))));
            Assert.True(results.Count(r => r.Status == HttpStatusCode.OK) == 1 && results.Count(r => r.Code == ErrorCodes.ServiceAlreadyAssigned) == 2,
                "exactly one agent must win the accept race: " + string.Join(", ", results.Select(r => $"{(int)r.Status} {r.Code}")));
            var winner = agents[Array.FindIndex(results, r => r.Status == HttpStatusCode.OK)];
            var members = (await winner.Ok<ListResponse<MemberDto>>(winner.Http.GetAsync($"/api/v1/conversations/{visit.ConversationId}/members"))).Items.Select(m => m.UserId).ToList();
            Assert.Equal(3, members.Count); // the bot, the visitor, the winner — never a loser
            Assert.Contains(winner.Id, members);
        }
    }

    [Fact]
    public async Task Transfer_ToAgent_TheyAccept_TheFirstAgentLeaves_ThenToQueue()
    {
        var queue = await QueueAsync(_server);
        var other = await QueueAsync(_server, name: "Billing");
        var ann = await AgentAsync(_server, queue.Id);
        var bob = await AgentAsync(_server, queue.Id);
        var cat = await AgentAsync(_server, other.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        var visit = await VisitAsync(_server, widget.Id);
        var id = visit.ConversationId;
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsync($"/api/v1/service/conversations/{id}/accept", null));
        var outsider = await AgentAsync(_server, other.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/v1/service/conversations/{id}")).StatusCode);

        var (bad, _) = await bob.StatusAsync(bob.Http.PostAsJsonAsync($"/api/v1/service/conversations/{id}/transfer", new TransferServiceConversationRequest(cat.Id, null)));
        Assert.Equal(HttpStatusCode.Forbidden, bad); // not Bob's to hand over
        var (invalid, _) = await ann.StatusAsync(ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{id}/transfer", new TransferServiceConversationRequest(cat.Id, other.Id)));
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        var moved = await ann.Ok<ServiceConversationDto>(ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{id}/transfer", new TransferServiceConversationRequest(bob.Id, null)));
        Assert.Equal((ServiceStates.Waiting, (long?)bob.Id, (long?)null), (moved.State, moved.OfferedTo, moved.AgentUserId));
        Assert.Contains(ann.Id, await MembersAsync(ann, id)); // Ann stays until Bob accepts
        await bob.Ok<ServiceConversationDto>(bob.Http.PostAsync($"/api/v1/service/conversations/{id}/accept", null));
        var members = await MembersAsync(bob, id);
        Assert.Contains(bob.Id, members);
        Assert.DoesNotContain(ann.Id, members);

        var toQueue = await bob.Ok<ServiceConversationDto>(bob.Http.PostAsJsonAsync($"/api/v1/service/conversations/{id}/transfer", new TransferServiceConversationRequest(null, other.Id)));
        Assert.Equal((ServiceStates.Waiting, other.Id), (toQueue.State, toQueue.QueueId));
        Assert.True(toQueue.OfferedTo == cat.Id || toQueue.OfferedTo == outsider.Id, "the conversation should be offered within the new queue");
        await cat.Ok<ServiceConversationDto>(cat.Http.PostAsync($"/api/v1/service/conversations/{id}/accept", null));
        Assert.DoesNotContain(bob.Id, await MembersAsync(cat, id));
    }

    private static async Task<IReadOnlyList<long>> MembersAsync(Session viewer, long id) =>
        (await viewer.Ok<ListResponse<MemberDto>>(viewer.Http.GetAsync($"/api/v1/conversations/{id}/members"))).Items.Select(m => m.UserId).ToList();

    [Fact]
    public async Task CloseThenRate_OnlyOnce_NotBeforeClose_AndNotSomeoneElsesConversation()
    {
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        var visit = await VisitAsync(_server, widget.Id);
        var stranger = await VisitAsync(_server, widget.Id);
        var id = visit.ConversationId;
        using var visitor = _server.Client(visit.Token);
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsync($"/api/v1/service/conversations/{id}/accept", null));
        var state = (await visitor.GetFromJsonAsync<ServiceVisitorStateDto>($"/api/v1/service/conversations/{id}/visitor-state", Json.Options))!;
        Assert.Equal((ServiceStates.Assigned, false, ann.User.DisplayName), (state.State, state.Rated, state.AgentName));

        var early = await StatusOf(visitor.PostAsJsonAsync($"/api/v1/service/conversations/{id}/rating", new ServiceRatingRequest(5, null)));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ServiceNotClosed), early);
        var closed = await ann.Ok<ServiceConversationDto>(ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{id}/close", new CloseServiceConversationRequest("Refund explained")));
        Assert.Equal((ServiceStates.Closed, "Refund explained"), (closed.State, closed.Summary));
        Assert.Equal(HttpStatusCode.Conflict, (await ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{id}/close", new CloseServiceConversationRequest(null))).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.PostAsJsonAsync($"/api/v1/service/conversations/{id}/rating", new ServiceRatingRequest(6, null))).StatusCode);
        using var other = _server.Client(stranger.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/v1/service/conversations/{id}/rating", new ServiceRatingRequest(1, null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsJsonAsync($"/api/v1/service/conversations/{id}/rating", new ServiceRatingRequest(4, "quick"))).StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ServiceAlreadyRated),
            await StatusOf(visitor.PostAsJsonAsync($"/api/v1/service/conversations/{id}/rating", new ServiceRatingRequest(1, "changed my mind"))));
        var rated = await ConversationAsync(ann, id);
        Assert.Equal((4, "quick"), (rated.Rating, rated.RatingComment));
        var stats = await ann.Ok<ServiceStatsDto>(ann.Http.GetAsync("/api/v1/service/stats"));
        Assert.True(stats.ClosedToday >= 1 && stats.Csat.Count >= 1, $"stats should count the closed, rated chat: {stats}");
    }

    private async Task<(HttpStatusCode, string?)> StatusOf(Task<HttpResponseMessage> call)
    {
        var admin = await _server.AdminAsync();
        return await admin.StatusAsync(call);
    }

    [Fact]
    public async Task Events_OfferUpdateAndState_ReachAgentsAndTheVisitorsWidget()
    {
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        await using var agentHub = _server.Hub(ann.Token);
        var agentEvents = new EventCollector(agentHub);
        await agentHub.StartRegisteredAsync();
        var visit = await VisitAsync(_server, widget.Id);
        await agentEvents.WaitAsync(e => e.Type == ServiceEventTypes.Offered && e.Data.GetProperty("conversation").GetProperty("conversationId").GetInt64() == visit.ConversationId,
            "the offer to the only agent");
        await using var visitorHub = _server.Hub(visit.Token);
        var visitorEvents = new EventCollector(visitorHub);
        await visitorHub.StartRegisteredAsync();
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsync($"/api/v1/service/conversations/{visit.ConversationId}/accept", null));
        await agentEvents.WaitAsync(e => e.Type == ServiceEventTypes.Updated && e.Data.GetProperty("conversation").GetProperty("state").GetString() == ServiceStates.Assigned, "service.updated after accept");
        await visitorEvents.WaitAsync(e => e.Type == ServiceEventTypes.State && e.Data.GetProperty("state").GetString() == ServiceStates.Assigned
            && e.Data.GetProperty("agentUserId").GetInt64() == ann.Id, "service.state on the visitor's conversation");
        await visitorEvents.WaitAsync(e => e.Type == EventTypes.MessageCreated && e.Data.GetProperty("text").GetString() == $"Agent {ann.User.DisplayName} joined", "the bot's notice");
        Assert.DoesNotContain(visitorEvents.All, e => e.Type is ServiceEventTypes.Offered or ServiceEventTypes.Updated);
    }

    [Fact]
    public async Task Notes_AreForAgentsOnly_NeverInTheMessages()
    {
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        var visit = await VisitAsync(_server, widget.Id);
        var notes = await ann.Ok<ListResponse<ServiceNoteDto>>(ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{visit.ConversationId}/notes", new CreateServiceNoteRequest("VIP: be kind")));
        Assert.Equal(["VIP: be kind"], notes.Items.Select(n => n.Text));
        using var visitor = _server.Client(visit.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.GetAsync($"/api/v1/service/conversations/{visit.ConversationId}/notes")).StatusCode);
        var messages = (await visitor.GetFromJsonAsync<ListResponse<MessageDto>>($"/api/v1/conversations/{visit.ConversationId}/messages", Json.Options))!.Items;
        Assert.DoesNotContain(messages, m => m.Text.Contains("VIP", StringComparison.Ordinal));
        await using var c = await _server.Services.GetRequiredService<Database>().OpenAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM service_notes WHERE conversation_id = @id", new { id = visit.ConversationId }));
    }

    /// <summary>A JWT built by hand (RFC 7519, HS256 over header.payload with the secret's UTF-8 bytes), independent of the server's library.</summary>
    private static string Jwt(object payload, string secret, string alg = "HS256")
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var head = B64(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { alg, typ = "JWT" }));
        var body = B64(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = alg == "none" ? "" : B64(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.ASCII.GetBytes(head + "." + body)));
        return $"{head}.{body}.{signature}";
    }

    [Fact]
    public async Task IdentityToken_SignedByTheHostSite_NamesTheVisitorAndCountsPreviousChats_BadOnesAre401()
    {
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var token = Jwt(new { sub = "cust-42", name = "Li Lei", email = "lilei@example.com", exp }, widget.IdentitySecret!);
        var first = await ConversationAsync(ann, (await VisitAsync(_server, widget.Id, "ignored", identityToken: token)).ConversationId);
        Assert.Equal(("Li Lei", "lilei@example.com", 0), (first.Visitor.Name, first.Visitor.Email, first.Previous));
        var second = await ConversationAsync(ann, (await VisitAsync(_server, widget.Id, identityToken: token)).ConversationId);
        Assert.Equal(1, second.Previous);
        var anonymous = await ConversationAsync(ann, (await VisitAsync(_server, widget.Id)).ConversationId);
        Assert.Equal(0, anonymous.Previous);

        // The refusals go to a second widget (the first one's per-widget limit is spent above): signed with the first widget's secret is wrong here.
        var other = await WidgetAsync(_server, queue.Id);
        using var anon = _server.Client();
        foreach (var (what, bad) in new[]
        {
            ("signed with another widget's secret", token),
            ("expired", Jwt(new { sub = "cust-42", exp = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds() }, other.IdentitySecret!)),
            ("without exp", Jwt(new { sub = "cust-42" }, other.IdentitySecret!)),
            ("alg none", Jwt(new { sub = "cust-42", exp }, other.IdentitySecret!, "none")),
            ("without sub", Jwt(new { name = "x", exp }, other.IdentitySecret!)),
            ("garbage", "not.a.jwt"),
        })
        {
            using var res = await anon.PostAsJsonAsync("/api/v1/visitor/sessions", new CreateVisitorSessionRequest(other.Id, IdentityToken: bad));
            var body = await res.Content.ReadAsStringAsync();
            Assert.True(res.StatusCode == HttpStatusCode.Unauthorized && body.Contains(ErrorCodes.VisitorIdentityInvalid, StringComparison.Ordinal),
                $"an identity token that is {what} was not refused: {(int)res.StatusCode} {body}");
        }
    }

    [Fact]
    public async Task CannedReplies_ManagersWrite_AgentsRead_ShortcutsAreUnique()
    {
        var admin = await _server.AdminAsync();
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var shortcut = "refund" + Guid.NewGuid().ToString("N")[..4];
        var reply = await admin.Ok<ServiceCannedReplyDto>(admin.Http.PostAsJsonAsync("/api/v1/service/canned-replies", new CreateServiceCannedReplyRequest("/" + shortcut, "Refunds take 5–10 days.")));
        Assert.Equal(shortcut, reply.Shortcut);
        Assert.Contains((await ann.Ok<ListResponse<ServiceCannedReplyDto>>(ann.Http.GetAsync("/api/v1/service/canned-replies"))).Items, r => r.Shortcut == shortcut);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Http.PostAsJsonAsync("/api/v1/service/canned-replies", new CreateServiceCannedReplyRequest(shortcut, "again"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsJsonAsync("/api/v1/service/canned-replies", new CreateServiceCannedReplyRequest("two words", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ann.Http.PostAsJsonAsync("/api/v1/service/canned-replies", new CreateServiceCannedReplyRequest("mine", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/service/canned-replies/{reply.Id}")).StatusCode);
        Assert.DoesNotContain((await ann.Ok<ListResponse<ServiceCannedReplyDto>>(ann.Http.GetAsync("/api/v1/service/canned-replies"))).Items, r => r.Id == reply.Id);
    }

    [Fact]
    public async Task BadInput_IsA4xxProblem_NeverA500()
    {
        var admin = await _server.AdminAsync();
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        var visit = await VisitAsync(_server, widget.Id);
        using var anon = _server.Client();
        var calls = new (string What, Task<HttpResponseMessage> Call)[]
        {
            ("widget without name", admin.Http.PostAsJsonAsync("/api/v1/service/widgets", new SaveServiceWidgetRequest(""))),
            ("bad colour", admin.Http.PostAsJsonAsync("/api/v1/service/widgets", new SaveServiceWidgetRequest("w", Color: "red"))),
            ("origin with a path", admin.Http.PostAsJsonAsync("/api/v1/service/widgets", new SaveServiceWidgetRequest("w", AllowedOrigins: ["https://a.example.com/x"]))),
            ("unknown queue", admin.Http.PostAsJsonAsync("/api/v1/service/widgets", new SaveServiceWidgetRequest("w", QueueId: 999999))),
            ("bad routing", admin.Http.PostAsJsonAsync("/api/v1/service/queues", new CreateServiceQueueRequest("q", "random"))),
            ("capacity 0", admin.Http.PutAsJsonAsync($"/api/v1/service/queues/{queue.Id}/agents/{ann.Id}", new SetServiceAgentRequest(0))),
            ("no widget id", anon.PostAsJsonAsync("/api/v1/visitor/sessions", new CreateVisitorSessionRequest(null))),
            ("name with a newline", anon.PostAsJsonAsync("/api/v1/visitor/sessions", new CreateVisitorSessionRequest(widget.Id, "a\nb"))),
            ("long name", anon.PostAsJsonAsync("/api/v1/visitor/sessions", new CreateVisitorSessionRequest(widget.Id, new string('x', 81)))),
            ("bad email", anon.PostAsJsonAsync("/api/v1/visitor/sessions", new CreateVisitorSessionRequest(widget.Id, Email: "nope"))),
            ("bad page", anon.PostAsJsonAsync("/api/v1/visitor/sessions", new CreateVisitorSessionRequest(widget.Id, Page: "javascript:alert(1)"))),
            ("bad state filter", ann.Http.GetAsync("/api/v1/service/conversations?state=lost")),
            ("transfer to both", ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{visit.ConversationId}/transfer", new TransferServiceConversationRequest(ann.Id, queue.Id))),
            ("empty note", ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{visit.ConversationId}/notes", new CreateServiceNoteRequest(" "))),
        };
        foreach (var (what, call) in calls)
        {
            var (status, code) = await admin.StatusAsync(call);
            Assert.True((int)status is >= 400 and < 500 && code is not null, $"{what}: {(int)status} {code}, expected a 4xx problem with a code");
        }
    }

    [Fact]
    public async Task SetupChanges_WidgetCreatedAndChanged_AgentSet_AppearInTheAuditLog()
    {
        var admin = await _server.AdminAsync();
        var queue = await QueueAsync(_server, name: "Audited");
        var ann = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id, Shop);
        await admin.Ok<ServiceWidgetDto>(admin.Http.PatchAsJsonAsync($"/api/v1/service/widgets/{widget.Id}", new SaveServiceWidgetRequest(null, Color: "#00aa00", RequiredSkills: ["vip"])));
        await admin.Ok<ServiceQueueDto>(admin.Http.PutAsJsonAsync($"/api/v1/service/queues/{queue.Id}/agents/{ann.Id}", new SetServiceAgentRequest(4, ["vip"])));

        async Task<IReadOnlyList<AuditEntryDto>> Audit(string action, long target) =>
            (await admin.Ok<AuditPage>(admin.Http.GetAsync($"/api/v1/audit?action={action}&targetId={target}"))).Items;
        var created = Assert.Single(await Audit("service.widget_created", widget.Id));
        Assert.Equal((admin.Id, "service_widget"), (created.ActorId!.Value, created.TargetType));
        Assert.Equal(widget.Name, created.Details!.Value.GetProperty("name").GetString());
        Assert.DoesNotContain(widget.IdentitySecret!, created.Details.Value.GetRawText(), StringComparison.Ordinal); // the secret is shown once, never logged
        var changed = Assert.Single(await Audit("service.widget_updated", widget.Id)).Details!.Value;
        Assert.Equal(["color", "requiredSkills"], changed.EnumerateObject().Select(p => p.Name)); // only what changed
        Assert.Equal("vip", changed.GetProperty("requiredSkills")[0].GetString());
        var agentSet = await Audit("service.agent_set", ann.Id); // once by the fixture, once here
        Assert.Equal([4, 3], agentSet.Select(e => e.Details!.Value.GetProperty("capacity").GetInt32()));
        Assert.Equal(queue.Id, agentSet[0].Details!.Value.GetProperty("queueId").GetInt64());
        Assert.Single(await Audit("service.queue_created", queue.Id));
    }

    [Fact]
    public async Task Visitor_UploadsAnImage_IntoItsChat_TheAgentSeesIt()
    {
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        var visit = await VisitAsync(_server, widget.Id);
        using var visitor = _server.Client(visit.Token);
        using var upload = await visitor.PostAsync("/api/v1/files", Files.FileClient.Multipart(Files.FileClient.Image(40, 30), "screenshot.png", "image/png"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var file = (await upload.Content.ReadFromJsonAsync<FileDto>(Json.Options))!;
        using var sent = await visitor.PostAsJsonAsync($"/api/v1/conversations/{visit.ConversationId}/messages", new SendMessageRequest("see this", null, null, null, [file.Id]));
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/api/v1/files/{file.Id}/thumbnail")).StatusCode);
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsync($"/api/v1/service/conversations/{visit.ConversationId}/accept", null));
        using var read = await ann.Http.GetAsync($"/api/v1/files/{file.Id}");
        Assert.True(read.IsSuccessStatusCode, $"the agent could not read the visitor's image: {(int)read.StatusCode}");
        Assert.Equal(40, (await ann.MessagesAsync(visit.ConversationId)).Single(m => m.Text == "see this").Files!.Single().Width);
    }
}
