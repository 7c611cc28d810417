using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Scheduled;

/// <summary>Issue 20: scheduled send — POST …/messages with sendAt → 202, the owner's list, and the job that sends it once at its time.</summary>
public class ScheduledMessageTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Scheduled:PollInterval"] = "00:00:00.200",
        ["Parley:Scheduled:MaxPendingPerUser"] = "5",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    internal static string At(TimeSpan fromNow) => DateTimeOffset.UtcNow.Add(fromNow).ToString("O");

    internal static Task<HttpResponseMessage> Schedule(Session s, long conversationId, string text, string sendAt, long[]? fileIds = null, long? threadRootId = null, string? clientMsgId = null) =>
        s.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new SendMessageRequest(text, clientMsgId, threadRootId, null, fileIds, SendAt: sendAt));

    internal static async Task<IReadOnlyList<ScheduledMessageDto>> List(Session s) =>
        (await s.Ok<ListResponse<ScheduledMessageDto>>(s.Http.GetAsync("/api/v1/scheduled-messages"))).Items;

    [Fact]
    public async Task Schedule_Is202_ListedForTheOwnerOnly_ThenSentOnceAtItsTime_AsANormalSend()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "later", bob.Id);
        var root = await alice.SendAsync(group.Id, "the root");
        var file = await alice.Ok<FileDto>(alice.Http.PostAsync("/api/v1/files", FileClient.Multipart(FileClient.Image(32, 32), "plan.png", "image/png")));
        await using var bobHub = _server.Hub(bob.Token);
        var bobEvents = new EventCollector(bobHub);
        await bobHub.StartAsync();
        await using var aliceHub = _server.Hub(alice.Token);
        var aliceEvents = new EventCollector(aliceHub);
        await aliceHub.StartAsync();

        var sendAt = DateTimeOffset.UtcNow.AddSeconds(2);
        using var res = await Schedule(alice, group.Id, "see you @" + bob.User.Username, sendAt.ToString("O"), [file.Id], root.Id);
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        var accepted = (await res.Content.ReadFromJsonAsync<ScheduledMessageAcceptedDto>(Json.Options))!;
        Assert.True(accepted.ScheduledId > 0);
        Assert.Equal(sendAt.ToUnixTimeMilliseconds(), accepted.SendAt.ToUnixTimeMilliseconds());
        await aliceEvents.WaitAsync(e => e.Type == EventTypes.ScheduledUpdated && e.Data.GetProperty("status").GetString() == "pending", "the owner's devices hear of the new schedule");

        var listed = Assert.Single(await List(alice));
        Assert.Equal((accepted.ScheduledId, group.Id, "see you @" + bob.User.Username, root.Id, ScheduledStatuses.Pending),
            (listed.Id, listed.ConversationId, listed.Text, listed.ThreadRootId, listed.Status));
        Assert.Equal([file.Id], listed.Files.Select(f => f.Id));
        Assert.Empty(await List(bob));
        Assert.DoesNotContain(await alice.MessagesAsync(group.Id, $"?threadRootId={root.Id}"), m => m.Text.StartsWith("see you", StringComparison.Ordinal));

        var arrived = await bobEvents.WaitAsync(e => e.Type == EventTypes.MessageCreated && e.Data.GetProperty("clientMsgId").GetString() == $"scheduled:{accepted.ScheduledId}",
            "the scheduled message reaching the recipient", 15_000);
        var message = await bob.Ok<MessageDto>(bob.Http.GetAsync($"/api/v1/messages/{arrived.Data.GetProperty("id").GetInt64()}"));
        Assert.True(message.CreatedAt >= sendAt.AddMilliseconds(-1), $"sent at {message.CreatedAt:O}, before its time {sendAt:O}");
        // What a normal send gives: the sender, the thread, the mention resolved, the file attached and visible to the members.
        Assert.Equal((alice.Id, root.Id), (message.SenderId, message.ThreadRootId));
        Assert.Equal([bob.Id], message.Mentions);
        Assert.Equal([file.Id], message.Files!.Select(f => f.Id));
        Assert.Equal(HttpStatusCode.OK, (await bob.Http.GetAsync($"/api/v1/files/{file.Id}")).StatusCode);
        await aliceEvents.WaitAsync(e => e.Type == EventTypes.ScheduledUpdated && e.Data.GetProperty("status").GetString() == "sent"
            && e.Data.GetProperty("messageId").GetInt64() == message.Id, "the owner's devices hear it was sent");

        await Task.Delay(1000); // several more polls: nothing is sent twice
        var thread = await alice.MessagesAsync(group.Id, $"?threadRootId={root.Id}");
        Assert.Single(thread, m => m.Text.StartsWith("see you", StringComparison.Ordinal));
        Assert.Single(bobEvents.All, e => e.Type == EventTypes.MessageCreated && e.Data.GetProperty("clientMsgId").GetString() == $"scheduled:{accepted.ScheduledId}");
        Assert.Empty(await List(alice));
    }

    [Fact]
    public async Task BadSendAt_400WithStableCodes_NonMember404_Limit409()
    {
        var alice = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "rules");

        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TimeInPast), await alice.StatusAsync(Schedule(alice, group.Id, "x", At(TimeSpan.FromMinutes(-1)))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TimeInvalid), await alice.StatusAsync(Schedule(alice, group.Id, "x", "tomorrow at nine")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TimeInvalid), await alice.StatusAsync(Schedule(alice, group.Id, "x", "2030-01-01T09:00:00"))); // no offset
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TimeInvalid), await alice.StatusAsync(Schedule(alice, group.Id, "x", "2030-02-30T09:00:00Z")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TimeTooFar), await alice.StatusAsync(Schedule(alice, group.Id, "x", At(TimeSpan.FromDays(800)))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(Schedule(alice, group.Id, "   ", At(TimeSpan.FromHours(1)))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(Schedule(alice, group.Id, "x", At(TimeSpan.FromHours(1)), threadRootId: 999_999)));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(Schedule(alice, group.Id, "x", At(TimeSpan.FromHours(1)), fileIds: [999_999])));
        // A non-member learns nothing: the same 404 as for a conversation that does not exist.
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await outsider.StatusAsync(Schedule(outsider, group.Id, "x", At(TimeSpan.FromHours(1)))));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await outsider.StatusAsync(Schedule(outsider, 999_999, "x", At(TimeSpan.FromHours(1)))));
        Assert.Empty(await List(alice));
        Assert.Empty(await List(outsider));

        // The same clientMsgId is the same schedule (a retried request), not a second one.
        var first = await alice.Ok<ScheduledMessageAcceptedDto>(Schedule(alice, group.Id, "once", At(TimeSpan.FromHours(1)), clientMsgId: "c-1"));
        var again = await alice.Ok<ScheduledMessageAcceptedDto>(Schedule(alice, group.Id, "once", At(TimeSpan.FromHours(2)), clientMsgId: "c-1"));
        Assert.Equal(first, again);
        for (var i = 1; i < 5; i++) await alice.Ok<ScheduledMessageAcceptedDto>(Schedule(alice, group.Id, $"n{i}", At(TimeSpan.FromHours(1))));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ScheduleLimit), await alice.StatusAsync(Schedule(alice, group.Id, "one too many", At(TimeSpan.FromHours(1)))));
        Assert.Equal(5, (await List(alice)).Count);

        // The hub sends now; it refuses sendAt rather than ignoring it.
        await using var hub = _server.Hub(alice.Token);
        await hub.StartAsync();
        var ex = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>(HubNames.Send, group.Id, new SendMessageRequest("x", null, null, null, null, SendAt: At(TimeSpan.FromHours(1)))));
        Assert.Contains(ErrorCodes.ValidationFailed, ex.Message);
    }

    [Fact]
    public async Task PatchDeleteSendNow_OwnerOnly_OthersGet404()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "edit", bob.Id);
        var a = await alice.Ok<ScheduledMessageAcceptedDto>(Schedule(alice, group.Id, "draft one", At(TimeSpan.FromHours(1))));
        var b = await alice.Ok<ScheduledMessageAcceptedDto>(Schedule(alice, group.Id, "draft two", At(TimeSpan.FromHours(2))));

        // Someone else's schedule does not exist for them.
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.PatchAsJsonAsync($"/api/v1/scheduled-messages/{a.ScheduledId}", new UpdateScheduledMessageRequest("mine now", null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.DeleteAsync($"/api/v1/scheduled-messages/{a.ScheduledId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.PostAsync($"/api/v1/scheduled-messages/{a.ScheduledId}/send", null)).StatusCode);

        var newTime = DateTimeOffset.UtcNow.AddHours(3);
        var patched = await alice.Ok<ScheduledMessageDto>(alice.Http.PatchAsJsonAsync($"/api/v1/scheduled-messages/{a.ScheduledId}",
            new UpdateScheduledMessageRequest("draft one, edited", newTime.ToString("O"))));
        Assert.Equal(("draft one, edited", newTime.ToUnixTimeMilliseconds()), (patched.Text, patched.SendAt.ToUnixTimeMilliseconds()));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TimeInPast),
            await alice.StatusAsync(alice.Http.PatchAsJsonAsync($"/api/v1/scheduled-messages/{a.ScheduledId}", new UpdateScheduledMessageRequest(null, At(TimeSpan.FromHours(-1))))));
        Assert.Equal(["draft two", "draft one, edited"], (await List(alice)).Select(s => s.Text)); // earliest first

        var sent = await alice.Ok<MessageDto>(alice.Http.PostAsync($"/api/v1/scheduled-messages/{a.ScheduledId}/send", null));
        Assert.Equal(("draft one, edited", $"scheduled:{a.ScheduledId}"), (sent.Text, sent.ClientMsgId));
        Assert.Contains(await bob.MessagesAsync(group.Id), m => m.Id == sent.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Http.PostAsync($"/api/v1/scheduled-messages/{a.ScheduledId}/send", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.Http.DeleteAsync($"/api/v1/scheduled-messages/{b.ScheduledId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Http.DeleteAsync($"/api/v1/scheduled-messages/{b.ScheduledId}")).StatusCode);
        Assert.Empty(await List(alice));
    }

    [Fact]
    public async Task SenderLeftTheConversation_ScheduleFails_WithTheReason_AndTheOwnerIsTold()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await bob.CreateAsync(ConversationKinds.Group, "leaving", alice.Id);
        await using var aliceHub = _server.Hub(alice.Token);
        var aliceEvents = new EventCollector(aliceHub);
        await aliceHub.StartAsync();
        var s = await alice.Ok<ScheduledMessageAcceptedDto>(Schedule(alice, group.Id, "after I left", At(TimeSpan.FromSeconds(1.5))));
        (await alice.Http.PostAsync($"/api/v1/conversations/{group.Id}/leave", null)).EnsureSuccessStatusCode();

        var failed = await aliceEvents.WaitAsync(e => e.Type == EventTypes.ScheduledUpdated && e.Data.GetProperty("status").GetString() == "failed",
            "the owner is told the schedule failed", 15_000);
        Assert.Equal(s.ScheduledId, failed.Data.GetProperty("id").GetInt64());
        var listed = Assert.Single(await List(alice));
        Assert.Equal((ScheduledStatuses.Failed, ErrorCodes.NotFound), (listed.Status, listed.ErrorCode));
        Assert.False(string.IsNullOrEmpty(listed.Error));
        Assert.DoesNotContain(await bob.MessagesAsync(group.Id), m => m.Text == "after I left");
        // A failed one stays listed until deleted.
        Assert.Equal(HttpStatusCode.NoContent, (await alice.Http.DeleteAsync($"/api/v1/scheduled-messages/{s.ScheduledId}")).StatusCode);
        Assert.Empty(await List(alice));
    }

    [Fact]
    public async Task AnEarlierAttemptAlreadySent_ItIsNotSentTwice()
    {
        // What a node dying between sending and marking the schedule sent leaves behind: the message exists with the
        // schedule's clientMsgId. The next attempt must find it and mark the schedule sent, not post a second message.
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "once");
        var s = await alice.Ok<ScheduledMessageAcceptedDto>(Schedule(alice, group.Id, "exactly once", At(TimeSpan.FromSeconds(1.5))));
        var early = await alice.SendAsync(group.Id, "exactly once", clientMsgId: $"scheduled:{s.ScheduledId}");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await List(alice)).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Empty(await List(alice));
        Assert.Equal([early.Id], (await alice.MessagesAsync(group.Id)).Where(m => m.Text == "exactly once").Select(m => m.Id));
    }
}
