using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>Issue 20: saved messages (bookmarks) and composer drafts, kept per user and pushed to the user's own devices.</summary>
public class SavedTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Saved:MaxBookmarksPerUser"] = "3",
        ["Parley:Saved:MaxDraftsPerUser"] = "3",
        ["Parley:Messages:MaxTextBytes"] = "64",
    });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<HttpResponseMessage> Bookmark(Session s, long messageId, string? note = null) =>
        s.Http.PutAsJsonAsync($"/api/v1/messages/{messageId}/bookmark", new BookmarkRequest(note));

    private static Task<BookmarkPage> Bookmarks(Session s, string query = "") => s.Ok<BookmarkPage>(s.Http.GetAsync("/api/v1/bookmarks" + query));

    private static Task<HttpResponseMessage> Draft(Session s, long conversationId, string? text, long? threadRootId = null) =>
        s.Http.PutAsJsonAsync($"/api/v1/conversations/{conversationId}/draft", new DraftRequest(text, threadRootId));

    private static async Task<IReadOnlyList<DraftDto>> Drafts(Session s) => (await s.Ok<ListResponse<DraftDto>>(s.Http.GetAsync("/api/v1/drafts"))).Items;

    [Fact]
    public async Task Bookmark_IsIdempotent_NoteReplaced_ListedWithMessageAndConversation_Removed()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "design", b.Id);
        var m = await b.SendAsync(g.Id, "remember this");

        var first = await a.Ok<BookmarkDto>(Bookmark(a, m.Id));
        var again = await a.Ok<BookmarkDto>(Bookmark(a, m.Id));
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.SavedAt, again.SavedAt);
        var noted = await a.Ok<BookmarkDto>(Bookmark(a, m.Id, "  for the review "));
        Assert.Equal((first.Id, "for the review"), (noted.Id, noted.Note));

        var page = await Bookmarks(a);
        var entry = Assert.Single(page.Items);
        Assert.Equal((m.Id, g.Id, "design", "group", true, "remember this", "for the review"),
            (entry.MessageId, entry.ConversationId, entry.ConversationName, entry.ConversationKind, entry.Available, entry.Message?.Text, entry.Note));
        Assert.Null(page.NextBefore);
        Assert.Empty((await Bookmarks(b)).Items); // bookmarks are personal

        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.DeleteAsync($"/api/v1/messages/{m.Id}/bookmark")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.DeleteAsync($"/api/v1/messages/{m.Id}/bookmark")).StatusCode);
        Assert.Empty((await Bookmarks(a)).Items);
    }

    [Fact]
    public async Task Bookmark_NonMemberOrUnknownMessage_404_DeletedMessage_409_Cap_409_BadNote_400()
    {
        var a = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "private");
        var m = await a.SendAsync(g.Id, "secret");

        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await outsider.StatusAsync(Bookmark(outsider, m.Id)));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await a.StatusAsync(Bookmark(a, 999_999)));
        Assert.Empty((await Bookmarks(outsider)).Items);

        var gone = await a.SendAsync(g.Id, "oops");
        await a.Ok<MessageDto>(a.Http.DeleteAsync($"/api/v1/messages/{gone.Id}"));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict), await a.StatusAsync(Bookmark(a, gone.Id)));

        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await a.StatusAsync(Bookmark(a, m.Id, new string('n', 501))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await a.StatusAsync(Bookmark(a, m.Id, "nul\0")));

        // The cap (3 here) counts bookmarks, not saves: saving one again at the cap is fine.
        var ids = new List<long>();
        for (var i = 0; i < 4; i++) ids.Add((await a.SendAsync(g.Id, $"m{i}")).Id);
        for (var i = 0; i < 3; i++) await a.Ok<BookmarkDto>(Bookmark(a, ids[i]));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.QuotaExceeded), await a.StatusAsync(Bookmark(a, ids[3])));
        await a.Ok<BookmarkDto>(Bookmark(a, ids[0], "still fine"));
    }

    [Fact]
    public async Task Bookmarks_PageNewestSavedFirst()
    {
        var a = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "paging");
        var m1 = await a.SendAsync(g.Id, "one");
        var m2 = await a.SendAsync(g.Id, "two");
        var m3 = await a.SendAsync(g.Id, "three");
        foreach (var m in new[] { m2, m3, m1 }) await a.Ok<BookmarkDto>(Bookmark(a, m.Id));

        var first = await Bookmarks(a, "?limit=2");
        Assert.Equal([m1.Id, m3.Id], first.Items.Select(i => i.MessageId));
        Assert.NotNull(first.NextBefore);
        var second = await Bookmarks(a, $"?limit=2&before={first.NextBefore}");
        Assert.Equal([m2.Id], second.Items.Select(i => i.MessageId));
        Assert.Null(second.NextBefore);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await a.StatusAsync(a.Http.GetAsync("/api/v1/bookmarks?limit=0")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await a.StatusAsync(a.Http.GetAsync("/api/v1/bookmarks?before=-1")));
    }

    [Fact]
    public async Task Bookmarks_MessageNoLongerReadable_ListedUnavailableWithoutContent_AndRemovable()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var left = await a.CreateAsync(ConversationKinds.Group, "renamed-later", b.Id);
        var kept = await b.SendAsync(left.Id, "in a conversation I leave");
        var stay = await a.CreateAsync(ConversationKinds.Group, "stay", b.Id);
        var recalled = await b.SendAsync(stay.Id, "recalled soon");
        var deleted = await b.SendAsync(stay.Id, "deleted soon");
        foreach (var m in new[] { kept, recalled, deleted }) await a.Ok<BookmarkDto>(Bookmark(a, m.Id));

        await b.Ok<MessageDto>(b.Http.PostAsync($"/api/v1/messages/{recalled.Id}/recall", null));
        await b.Ok<MessageDto>(b.Http.DeleteAsync($"/api/v1/messages/{deleted.Id}"));
        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.PostAsync($"/api/v1/conversations/{left.Id}/leave", null)).StatusCode);
        await b.Ok<ConversationDto>(b.Http.PatchAsJsonAsync($"/api/v1/conversations/{left.Id}", new UpdateConversationRequest("new secret name", null, null, null)));

        var items = (await Bookmarks(a)).Items.ToDictionary(i => i.MessageId);
        Assert.All(items.Values, i => Assert.False(i.Available));
        Assert.All(items.Values, i => Assert.Null(i.Message));
        Assert.Equal((left.Id, null, null), (items[kept.Id].ConversationId, items[kept.Id].ConversationName, items[kept.Id].ConversationKind));
        Assert.Equal("stay", items[recalled.Id].ConversationName); // still a member: the conversation is named

        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.DeleteAsync($"/api/v1/messages/{kept.Id}/bookmark")).StatusCode);
        Assert.DoesNotContain((await Bookmarks(a)).Items, i => i.MessageId == kept.Id);
    }

    [Fact]
    public async Task Drafts_Upsert_Thread_Delete_List_LastWriteWins()
    {
        var a = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "drafts");
        var root = await a.SendAsync(g.Id, "root");
        var reply = await a.SendAsync(g.Id, "reply", threadRootId: root.Id);

        var saved = await a.Ok<DraftDto>(Draft(a, g.Id, "half a thought"));
        Assert.Equal((g.Id, (long?)null, "half a thought"), (saved.ConversationId, saved.ThreadRootId, saved.Text));
        var later = await a.Ok<DraftDto>(Draft(a, g.Id, "a whole thought"));
        Assert.True(later.UpdatedAt >= saved.UpdatedAt);
        // A reply's id names its thread: the draft hangs off the root.
        var thread = await a.Ok<DraftDto>(Draft(a, g.Id, "thread draft", reply.Id));
        Assert.Equal(root.Id, thread.ThreadRootId);

        var drafts = await Drafts(a);
        Assert.Equal(2, drafts.Count);
        Assert.Equal("a whole thought", drafts.Single(d => d.ThreadRootId is null).Text);
        Assert.Equal("thread draft", drafts.Single(d => d.ThreadRootId == root.Id).Text);

        var cleared = await a.Ok<DraftDto>(Draft(a, g.Id, "   "));
        Assert.Equal("", cleared.Text);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.DeleteAsync($"/api/v1/conversations/{g.Id}/draft?threadRootId={root.Id}")).StatusCode);
        Assert.Empty(await Drafts(a));
    }

    [Fact]
    public async Task Drafts_NonMember404_SizeLimit_BadRoot_Cap_LeftConversationHidden()
    {
        var a = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "mine", outsider.Id);
        var other = await outsider.CreateAsync(ConversationKinds.Group, "elsewhere");
        var foreign = await outsider.SendAsync(other.Id, "foreign root");
        var h = await a.CreateAsync(ConversationKinds.Group, "no outsider");

        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await outsider.StatusAsync(Draft(outsider, h.Id, "sneak")));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await outsider.StatusAsync(outsider.Http.DeleteAsync($"/api/v1/conversations/{h.Id}/draft")));
        // The limit is the message limit (64 bytes here), in UTF-8 bytes: 22 CJK characters are 66.
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, ErrorCodes.MessageTooLarge), await a.StatusAsync(Draft(a, g.Id, new string('草', 22))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await a.StatusAsync(Draft(a, g.Id, "nul\0")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await a.StatusAsync(Draft(a, g.Id, "x", foreign.Id)));

        await outsider.Ok<DraftDto>(Draft(outsider, g.Id, "before I leave"));
        Assert.Single(await Drafts(outsider));
        Assert.Equal(HttpStatusCode.NoContent, (await outsider.Http.PostAsync($"/api/v1/conversations/{g.Id}/leave", null)).StatusCode);
        Assert.Empty(await Drafts(outsider));

        // Cap 3: a fourth composer is refused, rewriting an existing one is not.
        var roots = new List<long>();
        for (var i = 0; i < 3; i++) roots.Add((await a.SendAsync(g.Id, $"root {i}")).Id);
        foreach (var r in roots) await a.Ok<DraftDto>(Draft(a, g.Id, "d", r));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.QuotaExceeded), await a.StatusAsync(Draft(a, g.Id, "main")));
        await a.Ok<DraftDto>(Draft(a, g.Id, "rewritten", roots[0]));
    }

    [Fact]
    public async Task Send_RemovesTheDraftOfThatComposerOnly_InTheSameWrite()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "send clears", b.Id);
        var root = await a.SendAsync(g.Id, "root");
        await a.Ok<DraftDto>(Draft(a, g.Id, "main draft"));
        await a.Ok<DraftDto>(Draft(a, g.Id, "thread draft", root.Id));
        await b.Ok<DraftDto>(Draft(b, g.Id, "b's draft"));

        await a.SendAsync(g.Id, "thread reply", threadRootId: root.Id);
        Assert.Equal(["main draft"], (await Drafts(a)).Select(d => d.Text));
        await a.SendAsync(g.Id, "main draft");
        Assert.Empty(await Drafts(a));
        Assert.Single(await Drafts(b)); // someone else's send leaves my draft alone

        // A forward is not composed in the target's box: the draft stays.
        await a.Ok<DraftDto>(Draft(a, g.Id, "keep me"));
        var other = await a.CreateAsync(ConversationKinds.Group, "source");
        var source = await a.SendAsync(other.Id, "forward me");
        await a.Ok<MessageDto>(a.Http.PostAsJsonAsync($"/api/v1/messages/{source.Id}/forward", new ForwardMessageRequest(g.Id, null, null)));
        Assert.Equal(["keep me"], (await Drafts(a)).Select(d => d.Text));
    }

    [Fact]
    public async Task Changes_ArePushedToTheUsersOtherConnection_AndNobodyElse()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "push", b.Id);
        var m = await b.SendAsync(g.Id, "save me");
        await using var laptop = _server.Hub(a.Token);
        await using var phone = _server.Hub(a.Token);
        await using var other = _server.Hub(b.Token);
        var phoneEvents = new EventCollector(phone);
        var laptopEvents = new EventCollector(laptop);
        var otherEvents = new EventCollector(other);
        await laptop.StartAsync();
        await phone.StartAsync();
        await other.StartAsync();

        await a.Ok<BookmarkDto>(Bookmark(a, m.Id, "note"));
        await laptopEvents.WaitAsync(e => e.Type == EventTypes.BookmarkChanged, "bookmark.changed on the laptop");
        var saved = await phoneEvents.WaitAsync(e => e.Type == EventTypes.BookmarkChanged, "bookmark.changed on the phone");
        Assert.Equal((m.Id, true, "note"), (saved.Data.GetProperty("messageId").GetInt64(), saved.Data.GetProperty("saved").GetBoolean(), saved.Data.GetProperty("note").GetString()));

        await a.Ok<DraftDto>(Draft(a, g.Id, "typed on the laptop"));
        var draft = await phoneEvents.WaitAsync(e => e.Type == EventTypes.DraftChanged && e.Data.GetProperty("text").GetString() != "", "draft.changed on the phone");
        Assert.Equal((0L, null, g.Id), (draft.ConversationId, draft.Seq, draft.Data.GetProperty("conversationId").GetInt64()));

        await a.SendAsync(g.Id, "typed on the laptop");
        await phoneEvents.WaitAsync(e => e.Type == EventTypes.DraftChanged && e.Data.GetProperty("text").GetString() == "", "the draft's removal on the phone");

        // b's connection saw the message, never a's personal events.
        await otherEvents.WaitAsync(e => e.Type == EventTypes.MessageCreated && e.Data.GetProperty("text").GetString() == "typed on the laptop", "the message itself");
        Assert.DoesNotContain(otherEvents.All, e => e.Type is EventTypes.BookmarkChanged or EventTypes.DraftChanged);
    }
}
