using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Scheduled;

/// <summary>Issue 20: "remind me about this message" — set on a readable message, reminder.due to the user's devices only, listed until deleted.</summary>
public class ReminderTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Scheduled:PollInterval"] = "00:00:00.200" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<HttpResponseMessage> Remind(Session s, long messageId, string? at) =>
        s.Http.PostAsJsonAsync($"/api/v1/messages/{messageId}/reminder", new SetReminderRequest(at));

    private static async Task<IReadOnlyList<ReminderDto>> List(Session s) =>
        (await s.Ok<ListResponse<ReminderDto>>(s.Http.GetAsync("/api/v1/reminders"))).Items;

    [Fact]
    public async Task Reminder_FiresOnce_ToTheUsersDevicesOnly_AndStaysListedAsDueUntilDeleted()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await bob.CreateAsync(ConversationKinds.Group, "remind", alice.Id);
        var message = await bob.SendAsync(group.Id, "review the budget by Friday");
        await using var aliceHub = _server.Hub(alice.Token);
        await using var aliceTab2 = _server.Hub(alice.Token);
        await using var bobHub = _server.Hub(bob.Token);
        var aliceEvents = new EventCollector(aliceHub);
        var aliceEvents2 = new EventCollector(aliceTab2);
        var bobEvents = new EventCollector(bobHub);
        await Task.WhenAll(aliceHub.StartAsync(), aliceTab2.StartAsync(), bobHub.StartAsync());

        using var res = await Remind(alice, message.Id, ScheduledMessageTests.At(TimeSpan.FromSeconds(1.5)));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var reminder = (await res.Content.ReadFromJsonAsync<ReminderDto>(Json.Options))!;
        Assert.Equal((message.Id, group.Id, ReminderStatuses.Pending, "review the budget by Friday"),
            (reminder.MessageId, reminder.ConversationId, reminder.Status, reminder.Preview));
        Assert.Equal([reminder.Id], (await List(alice)).Select(r => r.Id));
        Assert.Empty(await List(bob));

        foreach (var events in new[] { aliceEvents, aliceEvents2 })
        {
            var due = await events.WaitAsync(e => e.Type == EventTypes.ReminderDue, "reminder.due on each of alice's connections", 15_000);
            Assert.Equal((reminder.Id, message.Id, "due"), (due.Data.GetProperty("id").GetInt64(), due.Data.GetProperty("messageId").GetInt64(), due.Data.GetProperty("status").GetString()));
        }
        await Task.Delay(1000); // more polls: it fires once
        Assert.Single(aliceEvents.All, e => e.Type == EventTypes.ReminderDue);
        Assert.DoesNotContain(bobEvents.All, e => e.Type.StartsWith("reminder.", StringComparison.Ordinal));

        var listed = Assert.Single(await List(alice));
        Assert.Equal(ReminderStatuses.Due, listed.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.DeleteAsync($"/api/v1/reminders/{reminder.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.Http.DeleteAsync($"/api/v1/reminders/{reminder.Id}")).StatusCode);
        Assert.Empty(await List(alice));
        await aliceEvents.WaitAsync(e => e.Type == EventTypes.ReminderUpdated && e.Data.GetProperty("status").GetString() == "deleted", "the dismissal reaching alice's other tabs");
    }

    [Fact]
    public async Task NonReader404_BadTime400_SettingAgainMovesIt()
    {
        var alice = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "private");
        var message = await alice.SendAsync(group.Id, "secret plans");

        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await outsider.StatusAsync(Remind(outsider, message.Id, ScheduledMessageTests.At(TimeSpan.FromHours(1)))));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await outsider.StatusAsync(Remind(outsider, 999_999, ScheduledMessageTests.At(TimeSpan.FromHours(1)))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TimeInPast), await alice.StatusAsync(Remind(alice, message.Id, ScheduledMessageTests.At(TimeSpan.FromMinutes(-5)))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TimeInvalid), await alice.StatusAsync(Remind(alice, message.Id, null)));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TimeTooFar), await alice.StatusAsync(Remind(alice, message.Id, ScheduledMessageTests.At(TimeSpan.FromDays(800)))));

        var first = await alice.Ok<ReminderDto>(Remind(alice, message.Id, ScheduledMessageTests.At(TimeSpan.FromHours(1))));
        var later = DateTimeOffset.UtcNow.AddHours(5);
        var moved = await alice.Ok<ReminderDto>(Remind(alice, message.Id, later.ToString("O")));
        Assert.Equal(first.Id, moved.Id);
        Assert.Equal(later.ToUnixTimeMilliseconds(), Assert.Single(await List(alice)).At.ToUnixTimeMilliseconds());
        Assert.Empty(await List(outsider));
    }
}
