using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Compliance;

/// <summary>The archive API: the whole log in order, page by page, with every text each message ever had.</summary>
public class ArchiveApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Archive_ReturnsEveryEventOnceInOrder_WithEveryVersionOfEachMessage()
    {
        var officer = await _server.UserAsync(null, Roles.ComplianceOfficer);
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "archive", bob.Id);
        var edited = await alice.SendAsync(group.Id, "draft one");
        await alice.Ok<MessageDto>(alice.Http.PatchAsJsonAsync($"/api/v1/messages/{edited.Id}", new EditMessageRequest("draft two")));
        await alice.Ok<MessageDto>(alice.Http.PatchAsJsonAsync($"/api/v1/messages/{edited.Id}", new EditMessageRequest("final")));
        var recalled = await bob.SendAsync(group.Id, "oops, wrong group");
        await bob.Ok<MessageDto>(bob.Http.PostAsync($"/api/v1/messages/{recalled.Id}/recall", null));
        var deleted = await bob.SendAsync(group.Id, "to be deleted");
        using (var res = await alice.Http.DeleteAsync($"/api/v1/messages/{deleted.Id}")) Assert.True(res.IsSuccessStatusCode); // the owner deletes bob's message

        // Page through with a small limit: every event once, in log order. On PostgreSQL the archive shows an event once
        // every older transaction on the database server has ended (the subscribers' rule), and other tests share that
        // server: an empty page before the last event may only mean "not yet", so it is asked again from the same cursor.
        var items = new List<ArchiveEventDto>();
        string? after = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var pages = 0; pages < 200; pages++)
        {
            var page = await officer.Ok<ArchivePage>(officer.Http.GetAsync($"/api/v1/compliance/archive?limit=3&after={after}"));
            if (page.Items.Count == 0)
            {
                if (items.Any(e => e.MessageId == deleted.Id && e.Type == EventTypes.MessageDeleted) || DateTime.UtcNow > deadline) break;
                await Task.Delay(200);
                continue;
            }
            items.AddRange(page.Items);
            after = page.Next;
        }
        var mine = items.Where(e => e.ConversationId == group.Id).ToList();
        Assert.Equal(Enumerable.Range(1, mine.Count).Select(i => (long)i), mine.Select(e => e.Seq));
        Assert.Equal(items.Select(e => e.Id).Distinct().Count(), items.Count);
        Assert.Equal(
            [EventTypes.MemberJoined, EventTypes.MemberJoined, EventTypes.MessageCreated, EventTypes.MessageEdited, EventTypes.MessageEdited,
             EventTypes.MessageCreated, EventTypes.MessageRecalled, EventTypes.MessageCreated, EventTypes.MessageDeleted],
            mine.Select(e => e.Type).SkipWhile(t => t != EventTypes.MemberJoined));

        var first = mine.First(e => e.MessageId == edited.Id).Message!;
        Assert.Equal("final", first.Text);
        Assert.Equal([("draft one", "edited", alice.Id), ("draft two", "edited", alice.Id)], first.History.Select(v => (v.Text, v.Reason, v.ActorId!.Value)));
        var second = mine.First(e => e.MessageId == recalled.Id).Message!;
        Assert.Equal(("", "oops, wrong group", "recalled"), (second.Text, second.History.Single().Text, second.History.Single().Reason));
        Assert.NotNull(second.RecalledAt);
        var third = mine.First(e => e.MessageId == deleted.Id).Message!;
        Assert.Equal(("to be deleted", "deleted", alice.Id), (third.History.Single().Text, third.History.Single().Reason, third.History.Single().ActorId!.Value));

        // Members see none of it: the erased texts stay erased for them.
        Assert.Equal(["final", "", ""], (await bob.MessagesAsync(group.Id)).Select(m => m.Text));
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.Http.GetAsync("/api/v1/compliance/archive")).StatusCode);

        // The cursor past the end gives an empty page and the same cursor back; a made-up one is refused.
        var end = await officer.Ok<ArchivePage>(officer.Http.GetAsync($"/api/v1/compliance/archive?after={after}"));
        Assert.Empty(end.Items);
        Assert.Equal(after, end.Next);
        foreach (var bad in new[] { "abc", "1-2-3", "-5", "1-" })
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await officer.StatusAsync(officer.Http.GetAsync($"/api/v1/compliance/archive?after={bad}")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await officer.StatusAsync(officer.Http.GetAsync("/api/v1/compliance/archive?limit=5000")));
    }

    [Fact]
    public async Task WithHistoryOff_EditedTextsAreNotKept()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Compliance:KeepMessageHistory"] = "false" });
        var admin = await server.AdminAsync();
        var alice = await server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "no history");
        var m = await alice.SendAsync(group.Id, "before");
        await alice.Ok<MessageDto>(alice.Http.PatchAsJsonAsync($"/api/v1/messages/{m.Id}", new EditMessageRequest("after")));
        var page = await admin.Ok<ArchivePage>(admin.Http.GetAsync("/api/v1/compliance/archive?limit=1000"));
        var message = page.Items.First(e => e.MessageId == m.Id).Message!;
        Assert.Equal(("after", 0), (message.Text, message.History.Count));
    }
}
