using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

public class MessageTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Messages:RecallWindow"] = "00:00:02" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Send_AssignsGapFreeSeq_AndPagesInOrder()
    {
        var a = await _server.UserAsync();
        var ch = await a.CreateAsync(ConversationKinds.Channel, "seq");
        var sent = new List<MessageDto>();
        for (var i = 0; i < 12; i++) sent.Add(await a.SendAsync(ch.Id, $"m{i}"));
        Assert.Equal(Enumerable.Range((int)sent[0].Seq, 12).Select(i => (long)i), sent.Select(m => m.Seq));

        var latest = await a.MessagesAsync(ch.Id, "?limit=5");
        Assert.Equal(["m7", "m8", "m9", "m10", "m11"], latest.Select(m => m.Text));
        var older = await a.MessagesAsync(ch.Id, $"?beforeSeq={latest[0].Seq}&limit=5");
        Assert.Equal(["m2", "m3", "m4", "m5", "m6"], older.Select(m => m.Text));
        var newer = await a.MessagesAsync(ch.Id, $"?afterSeq={sent[9].Seq}");
        Assert.Equal(["m10", "m11"], newer.Select(m => m.Text));

        // The page carries the head, so a client opens a timeline from one answer (issue 22): here the last message's seq.
        var page = await a.Http.GetFromJsonAsync<MessagePage>($"/api/v1/conversations/{ch.Id}/messages?limit=2", Json.Options);
        Assert.Equal(sent[11].Seq, page!.HeadSeq);
        Assert.Equal(sent[11].Seq, page.Items[^1].Seq);
    }

    [Fact]
    public async Task Send_SameClientMsgId_ReturnsOriginal_NoDuplicate()
    {
        var a = await _server.UserAsync();
        var ch = await a.CreateAsync(ConversationKinds.Channel, "idem");
        var first = await a.SendAsync(ch.Id, "once", "client-1");
        var retry = await a.SendAsync(ch.Id, "once", "client-1");
        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(first.Seq, retry.Seq);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => a.SendAsync(ch.Id, "race", "client-2")));
        Assert.Single(concurrent.Select(m => m.Id).Distinct());
        Assert.Equal(2, (await a.MessagesAsync(ch.Id)).Count);
    }

    [Fact]
    public async Task EditDeleteRecall_RulesAndMarkers()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "edits", b.Id);
        var m = await b.SendAsync(g.Id, "typo");
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Http.PatchAsJsonAsync($"/api/v1/messages/{m.Id}", new EditMessageRequest("hijack"))).StatusCode);
        var edited = await b.Ok<MessageDto>(b.Http.PatchAsJsonAsync($"/api/v1/messages/{m.Id}", new EditMessageRequest("fixed")));
        Assert.Equal("fixed", edited.Text);
        Assert.NotNull(edited.EditedAt);
        Assert.True(edited.Seq == m.Seq, "editing keeps the message's own seq; the edit is a later log event");

        Assert.Equal(HttpStatusCode.Forbidden, (await a.Http.PostAsync($"/api/v1/messages/{m.Id}/recall", null)).StatusCode);
        var recalled = await b.Ok<MessageDto>(b.Http.PostAsync($"/api/v1/messages/{m.Id}/recall", null));
        Assert.NotNull(recalled.RecalledAt);
        Assert.Equal("", recalled.Text);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict), await b.StatusAsync(b.Http.PatchAsJsonAsync($"/api/v1/messages/{m.Id}", new EditMessageRequest("again"))));

        var old = await b.SendAsync(g.Id, "too late to recall");
        await Task.Delay(2200);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.RecallWindowPassed), await b.StatusAsync(b.Http.PostAsync($"/api/v1/messages/{old.Id}/recall", null)));
        // The owner may delete anyone's message; the sender may delete their own.
        var deleted = await a.Ok<MessageDto>(a.Http.DeleteAsync($"/api/v1/messages/{old.Id}"));
        Assert.NotNull(deleted.DeletedAt);
        Assert.Equal("", deleted.Text);
    }

    [Fact]
    public async Task Threads_RepliesCountAndListSeparately()
    {
        var a = await _server.UserAsync();
        var ch = await a.CreateAsync(ConversationKinds.Channel, "threads");
        var root = await a.SendAsync(ch.Id, "root");
        var r1 = await a.SendAsync(ch.Id, "reply 1", threadRootId: root.Id);
        await a.SendAsync(ch.Id, "reply 2", threadRootId: r1.Id); // replying to a reply joins the root's thread
        var main = await a.MessagesAsync(ch.Id);
        Assert.Equal(["root"], main.Select(m => m.Text));
        Assert.Equal(2, main[0].ReplyCount);
        var thread = await a.MessagesAsync(ch.Id, $"?threadRootId={root.Id}");
        Assert.Equal(["reply 1", "reply 2"], thread.Select(m => m.Text));
        Assert.All(thread, m => Assert.Equal(root.Id, m.ThreadRootId));
    }

    [Fact]
    public async Task QuoteForwardPin()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var src = await a.CreateAsync(ConversationKinds.Channel, "src", b.Id);
        var dst = await a.CreateAsync(ConversationKinds.Group, "dst");
        var original = await b.SendAsync(src.Id, "worth sharing");
        var quote = await a.SendAsync(src.Id, "agreed", quoteId: original.Id);
        Assert.Equal(original.Id, quote.QuoteId);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await a.StatusAsync(a.Http.PostAsJsonAsync($"/api/v1/conversations/{dst.Id}/messages", new SendMessageRequest("x", null, null, original.Id))));

        var fwd = await a.Ok<MessageDto>(a.Http.PostAsJsonAsync($"/api/v1/messages/{original.Id}/forward", new ForwardMessageRequest(dst.Id, null, "FYI")));
        Assert.Equal(original.Id, fwd.ForwardedFromId);
        Assert.Contains("worth sharing", fwd.Text);
        // b is not in dst: cannot forward there, and learns nothing about it.
        Assert.Equal(HttpStatusCode.NotFound, (await b.Http.PostAsJsonAsync($"/api/v1/messages/{original.Id}/forward", new ForwardMessageRequest(dst.Id, null, null))).StatusCode);

        await b.Ok<MessageDto>(b.Http.PostAsync($"/api/v1/messages/{original.Id}/pin", null));
        Assert.Equal([original.Id], (await a.Ok<ListResponse<MessageDto>>(a.Http.GetAsync($"/api/v1/conversations/{src.Id}/pins"))).Items.Select(m => m.Id));
        await a.Ok<MessageDto>(a.Http.DeleteAsync($"/api/v1/messages/{original.Id}/pin"));
        Assert.Empty((await a.Ok<ListResponse<MessageDto>>(a.Http.GetAsync($"/api/v1/conversations/{src.Id}/pins"))).Items);
    }

    [Fact]
    public async Task Reactions_AddIdempotent_Remove()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var ch = await a.CreateAsync(ConversationKinds.Channel, "react", b.Id);
        var m = await a.SendAsync(ch.Id, "react to me");
        await a.Ok<MessageDto>(a.Http.PutAsync($"/api/v1/messages/{m.Id}/reactions/{Uri.EscapeDataString("👍")}", null));
        await a.Ok<MessageDto>(a.Http.PutAsync($"/api/v1/messages/{m.Id}/reactions/{Uri.EscapeDataString("👍")}", null));
        var both = await b.Ok<MessageDto>(b.Http.PutAsync($"/api/v1/messages/{m.Id}/reactions/{Uri.EscapeDataString("👍")}", null));
        Assert.Equal(2, Assert.Single(both.Reactions).Count);
        var after = await a.Ok<MessageDto>(a.Http.DeleteAsync($"/api/v1/messages/{m.Id}/reactions/{Uri.EscapeDataString("👍")}"));
        Assert.Equal([b.Id], Assert.Single(after.Reactions).UserIds);
        Assert.Equal(HttpStatusCode.BadRequest, (await a.Http.PutAsync($"/api/v1/messages/{m.Id}/reactions/{Uri.EscapeDataString("a b")}", null)).StatusCode);
    }

    [Fact]
    public async Task Edit_ReplacesMentions_RemovedNameStopsCounting_AddedNameCounts()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var c = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "edits", b.Id, c.Id);
        var m = await a.SendAsync(g.Id, $"ping @{b.User.Username}");
        Assert.Equal([b.Id], m.Mentions);
        Assert.Equal((1, 0), ((await b.ConversationAsync(g.Id)).MentionCount, (await c.ConversationAsync(g.Id)).MentionCount));

        var edited = await a.Ok<MessageDto>(a.Http.PatchAsJsonAsync($"/api/v1/messages/{m.Id}", new EditMessageRequest($"ping @{c.User.Username} instead")));
        Assert.Equal([c.Id], edited.Mentions);
        Assert.Equal((0, 1), ((await b.ConversationAsync(g.Id)).MentionCount, (await c.ConversationAsync(g.Id)).MentionCount));

        var plain = await a.Ok<MessageDto>(a.Http.PatchAsJsonAsync($"/api/v1/messages/{m.Id}", new EditMessageRequest("no one now")));
        Assert.Empty(plain.Mentions);
        Assert.Equal(0, (await c.ConversationAsync(g.Id)).MentionCount);
    }

    [Fact]
    public async Task UnreadMentionsAndReceipts_FollowReadSeq()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var c = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "reads", b.Id, c.Id);
        await a.SendAsync(g.Id, "one");
        var mention = await a.SendAsync(g.Id, $"hey @{b.User.Username}");
        var all = await a.SendAsync(g.Id, "@all standup");

        var bView = await b.ConversationAsync(g.Id);
        Assert.Equal((3, 2), (bView.UnreadCount, bView.MentionCount));
        var cView = await c.ConversationAsync(g.Id);
        Assert.Equal((3, 1), (cView.UnreadCount, cView.MentionCount));
        var aView = await a.ConversationAsync(g.Id);
        Assert.Equal((0, 0), (aView.UnreadCount, aView.MentionCount));
        Assert.True(aView.ReadSeq == all.Seq, "sending advances the sender's own readSeq");

        var receipts = await a.Ok<ReceiptsDto>(a.Http.GetAsync($"/api/v1/messages/{mention.Id}/receipts"));
        Assert.Empty(receipts.ReadBy);
        Assert.Equal([b.Id, c.Id], receipts.UnreadBy.Order());

        Assert.Equal(HttpStatusCode.NoContent, (await b.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/read", new MarkReadRequest(mention.Seq))).StatusCode);
        bView = await b.ConversationAsync(g.Id);
        Assert.Equal((1, 1), (bView.UnreadCount, bView.MentionCount));
        receipts = await a.Ok<ReceiptsDto>(a.Http.GetAsync($"/api/v1/messages/{mention.Id}/receipts"));
        Assert.Equal([b.Id], receipts.ReadBy);
        Assert.Equal([c.Id], receipts.UnreadBy);

        // readSeq never goes backwards and never passes the end.
        await b.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/read", new MarkReadRequest(1));
        await b.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/read", new MarkReadRequest(1_000_000));
        bView = await b.ConversationAsync(g.Id);
        Assert.Equal(bView.LastSeq, bView.ReadSeq);
        Assert.Equal(0, bView.UnreadCount);
        _ = all;
    }

    [Fact]
    public async Task MentionAll_InLargeConversation_OnlyFromManagers()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Messages:MentionAllOpenUpTo"] = "2" });
        var owner = await server.UserAsync();
        var m1 = await server.UserAsync();
        var m2 = await server.UserAsync();
        var ch = await owner.CreateAsync(ConversationKinds.Channel, "big", m1.Id, m2.Id);
        Assert.False((await m1.SendAsync(ch.Id, "@all hello")).MentionsAll);
        Assert.True((await owner.SendAsync(ch.Id, "@all hello")).MentionsAll);
    }

    [Fact]
    public async Task Events_CatchUpReturnsEveryChangeInSeqOrder()
    {
        var a = await _server.UserAsync();
        var ch = await a.CreateAsync(ConversationKinds.Channel, "log");
        var m = await a.SendAsync(ch.Id, "v1");
        await a.Ok<MessageDto>(a.Http.PatchAsJsonAsync($"/api/v1/messages/{m.Id}", new EditMessageRequest("v2")));
        await a.Ok<MessageDto>(a.Http.PutAsync($"/api/v1/messages/{m.Id}/reactions/ok", null));
        var events = (await a.Ok<ListResponse<EventDto>>(a.Http.GetAsync($"/api/v1/conversations/{ch.Id}/events?afterSeq=0"))).Items;
        Assert.Equal([EventTypes.MemberJoined, EventTypes.MessageCreated, EventTypes.MessageEdited, EventTypes.ReactionAdded], events.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(1, 4).Select(i => (long?)i), events.Select(e => e.Seq));
        var page = (await a.Ok<ListResponse<EventDto>>(a.Http.GetAsync($"/api/v1/conversations/{ch.Id}/events?afterSeq=2&limit=1"))).Items;
        Assert.Equal(3, Assert.Single(page).Seq);
    }
}
