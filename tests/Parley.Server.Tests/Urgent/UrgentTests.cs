using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Urgent;

/// <summary>Issue 20: urgent messages (DING / 加急) — asked members acknowledge; everyone sees the counts.</summary>
public class UrgentTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Urgent:MaxTargets"] = "3",
        ["Parley:Urgent:RateLimit"] = "6",
    });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    internal static Task<HttpResponseMessage> SendUrgent(Session s, long conversationId, string text, params long[] urgentFor) =>
        s.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new SendMessageRequest(text, null, null, null, UrgentFor: urgentFor));

    private static async Task<IReadOnlyList<PendingUrgentDto>> Pending(Session s) =>
        (await s.Ok<ListResponse<PendingUrgentDto>>(s.Http.GetAsync("/api/v1/urgent/pending"))).Items;

    [Fact]
    public async Task SendUrgent_TargetsSeeBanner_AckUpdatesCountsLiveAndInHistory()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var dave = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "ops", bob.Id, carol.Id, dave.Id);

        await using var bobHub = _server.Hub(bob.Token);
        var bobEvents = new EventCollector(bobHub);
        await using var daveHub = _server.Hub(dave.Token);
        var daveEvents = new EventCollector(daveHub);
        await bobHub.StartAsync();
        await daveHub.StartAsync();

        var m = await alice.Ok<MessageDto>(SendUrgent(alice, g.Id, "Server room is on fire\nplease come", bob.Id, carol.Id));
        Assert.Equal(new MessageUrgentDto(2, 0), m.Urgent);

        var requested = await bobEvents.WaitAsync(e => e.Type == UrgentEventTypes.Requested, "urgent.requested to the target");
        Assert.Equal(m.Id, requested.Data.GetProperty("messageId").GetInt64());
        Assert.Equal("Server room is on fire please come", requested.Data.GetProperty("preview").GetString());
        var created = await daveEvents.WaitAsync(e => e.Type == EventTypes.MessageCreated, "message.created to a member who was not asked");
        Assert.Equal(2, created.Data.GetProperty("urgent").GetProperty("targets").GetInt32());
        Assert.DoesNotContain(daveEvents.All, e => e.Type == UrgentEventTypes.Requested);

        var pending = Assert.Single(await Pending(bob));
        Assert.Equal((m.Id, g.Id, alice.Id), (pending.MessageId, pending.ConversationId, pending.SenderId));
        Assert.Empty(await Pending(dave));

        var acked = await bob.Ok<UrgentStateDto>(bob.Http.PostAsync($"/api/v1/messages/{m.Id}/urgent/ack", null));
        Assert.Equal((2, 1), (acked.Targets, acked.Acknowledged));
        Assert.Equal(bob.Id, Assert.Single(acked.Recipients).UserId); // a target sees only their own row
        await bobEvents.WaitAsync(e => e.Type == UrgentEventTypes.Acknowledged && e.Data.GetProperty("messageId").GetInt64() == m.Id, "urgent.acknowledged to the acknowledging user's devices");
        var live = await daveEvents.WaitAsync(e => e.Type == UrgentEventTypes.MessageUrgent, "message.urgent to every member");
        Assert.Equal(1, live.Data.GetProperty("urgent").GetProperty("acknowledged").GetInt32());
        Assert.Empty(await Pending(bob));

        // Twice is fine (idempotent); the counts do not move.
        var again = await bob.Ok<UrgentStateDto>(bob.Http.PostAsync($"/api/v1/messages/{m.Id}/urgent/ack", null));
        Assert.Equal(1, again.Acknowledged);

        var history = Assert.Single(await dave.MessagesAsync(g.Id), x => x.Id == m.Id);
        Assert.Equal(new MessageUrgentDto(2, 1), history.Urgent);
        var events = await dave.Ok<ListResponse<EventDto>>(dave.Http.GetAsync($"/api/v1/conversations/{g.Id}/events?afterSeq=0"));
        Assert.Contains(events.Items, e => e.Type == UrgentEventTypes.MessageUrgent);

        var state = await alice.Ok<UrgentStateDto>(alice.Http.GetAsync($"/api/v1/messages/{m.Id}/urgent"));
        Assert.Equal([bob.Id, carol.Id], state.Recipients.Select(r => r.UserId).Order());
        Assert.NotNull(state.Recipients.Single(r => r.UserId == bob.Id).AcknowledgedAt);
        Assert.Null(state.Recipients.Single(r => r.UserId == carol.Id).AcknowledgedAt);
        var asDave = await dave.Ok<UrgentStateDto>(dave.Http.GetAsync($"/api/v1/messages/{m.Id}/urgent"));
        Assert.Equal((2, 1), (asDave.Targets, asDave.Acknowledged));
        Assert.Empty(asDave.Recipients);
    }

    [Fact]
    public async Task BadTargets_AreRejectedWithCodes_AndNothingIsSent()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "checks", bob.Id);
        var many = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _server.UserAsync()));

        foreach (var targets in new[] { new[] { outsider.Id }, [alice.Id], [0L], [.. many.Select(u => u.Id)] })
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(SendUrgent(alice, g.Id, "x", targets)));
        Assert.Empty(await alice.MessagesAsync(g.Id));
        Assert.Empty(await Pending(outsider));

        // Not a member: the conversation and its messages do not exist for them.
        Assert.Equal(HttpStatusCode.NotFound, (await SendUrgent(outsider, g.Id, "x", bob.Id)).StatusCode);
        var m = await alice.Ok<MessageDto>(SendUrgent(alice, g.Id, "y", bob.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.PostAsync($"/api/v1/messages/{m.Id}/urgent/ack", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/v1/messages/{m.Id}/urgent")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.PostAsJsonAsync($"/api/v1/messages/{m.Id}/urgent", new MarkUrgentRequest([bob.Id]))).StatusCode);

        // A member who was not asked: 409 with its own code. The sender was not asked either.
        Assert.Equal((HttpStatusCode.Conflict, UrgentErrorCodes.NotRequested), await alice.StatusAsync(alice.Http.PostAsync($"/api/v1/messages/{m.Id}/urgent/ack", null)));
        // Only the sender may mark later.
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.Http.PostAsJsonAsync($"/api/v1/messages/{m.Id}/urgent", new MarkUrgentRequest([alice.Id]))).StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await alice.StatusAsync(alice.Http.PostAsJsonAsync($"/api/v1/messages/{m.Id}/urgent", new MarkUrgentRequest([]))));
    }

    [Fact]
    public async Task MarkLater_AddsTargets_CapCountsAllTargets()
    {
        var alice = await _server.UserAsync();
        var members = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _server.UserAsync()));
        var g = await alice.CreateAsync(ConversationKinds.Group, "later", [.. members.Select(u => u.Id)]);
        var m = await alice.SendAsync(g.Id, "plain at first");
        Assert.Null(m.Urgent);

        var state = await alice.Ok<UrgentStateDto>(alice.Http.PostAsJsonAsync($"/api/v1/messages/{m.Id}/urgent", new MarkUrgentRequest([members[0].Id, members[1].Id])));
        Assert.Equal(2, state.Targets);
        Assert.Equal(m.Id, Assert.Single(await Pending(members[1])).MessageId);
        // Asking someone again changes nothing; a fourth target would exceed the cap of 3.
        Assert.Equal(3, (await alice.Ok<UrgentStateDto>(alice.Http.PostAsJsonAsync($"/api/v1/messages/{m.Id}/urgent", new MarkUrgentRequest([members[0].Id, members[2].Id])))).Targets);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await alice.StatusAsync(alice.Http.PostAsJsonAsync($"/api/v1/messages/{m.Id}/urgent", new MarkUrgentRequest([members[3].Id]))));
        Assert.Equal(new MessageUrgentDto(3, 0), (await members[3].MessagesAsync(g.Id)).Single().Urgent);
    }

    [Fact]
    public async Task RecallAndDelete_ClearPendingUrgents_AndTellTheTargets()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "gone", bob.Id);
        await using var bobHub = _server.Hub(bob.Token);
        var bobEvents = new EventCollector(bobHub);
        await bobHub.StartAsync();

        var recalled = await alice.Ok<MessageDto>(SendUrgent(alice, g.Id, "oops", bob.Id));
        var deleted = await alice.Ok<MessageDto>(SendUrgent(alice, g.Id, "also oops", bob.Id));
        Assert.Equal(2, (await Pending(bob)).Count);

        var afterRecall = await alice.Ok<MessageDto>(alice.Http.PostAsync($"/api/v1/messages/{recalled.Id}/recall", null));
        Assert.Null(afterRecall.Urgent);
        await bobEvents.WaitAsync(e => e.Type == UrgentEventTypes.Cleared && e.Data.GetProperty("messageId").GetInt64() == recalled.Id, "urgent.cleared after a recall");
        Assert.Equal(HttpStatusCode.OK, (await alice.Http.DeleteAsync($"/api/v1/messages/{deleted.Id}")).StatusCode);
        await bobEvents.WaitAsync(e => e.Type == UrgentEventTypes.Cleared && e.Data.GetProperty("messageId").GetInt64() == deleted.Id, "urgent.cleared after a delete");
        Assert.Empty(await Pending(bob));
        Assert.Equal((HttpStatusCode.Conflict, UrgentErrorCodes.NotRequested), await bob.StatusAsync(bob.Http.PostAsync($"/api/v1/messages/{recalled.Id}/urgent/ack", null)));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict),
            await alice.StatusAsync(alice.Http.PostAsJsonAsync($"/api/v1/messages/{recalled.Id}/urgent", new MarkUrgentRequest([bob.Id]))));
    }

    [Fact]
    public async Task Hub_Send_AcceptsUrgentFor()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "hub", bob.Id);
        // A page with no urgent message at all (the table still empty): no summary, and no error.
        await alice.SendAsync(g.Id, "plain");
        Assert.Null(Assert.Single(await bob.MessagesAsync(g.Id)).Urgent);
        await using var hub = _server.Hub(alice.Token);
        await hub.StartAsync();
        var m = await hub.InvokeAsync<MessageDto>(HubNames.Send, g.Id, new SendMessageRequest("via hub", null, null, null, UrgentFor: [bob.Id]));
        Assert.Equal(new MessageUrgentDto(1, 0), m.Urgent);
        Assert.Equal(m.Id, Assert.Single(await Pending(bob)).MessageId);
    }

    [Fact]
    public async Task UrgentRequests_AreRateLimitedPerSender()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "flood", bob.Id, carol.Id);
        for (var i = 0; i < 6; i++) await alice.Ok<MessageDto>(SendUrgent(alice, g.Id, $"urgent {i}", bob.Id));
        Assert.Equal((HttpStatusCode.TooManyRequests, UrgentErrorCodes.RateLimited), await alice.StatusAsync(SendUrgent(alice, g.Id, "one too many", bob.Id)));
        // Plain messages are not held back, and another sender has their own budget.
        await alice.SendAsync(g.Id, "plain still goes");
        await carol.Ok<MessageDto>(SendUrgent(carol, g.Id, "carol's own", bob.Id));
    }
}
