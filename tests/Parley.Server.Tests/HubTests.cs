using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

public class HubTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendMessage_OverHub_AckedAndPushedToOtherMembers(bool messagePack)
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var ch = await a.CreateAsync(ConversationKinds.Channel, "live", b.Id);
        await using var hubA = _server.Hub(a.Token, messagePack);
        await using var hubB = _server.Hub(b.Token, messagePack);
        var eventsB = new EventCollector(hubB, messagePack);
        await hubA.StartAsync();
        await hubB.StartAsync();

        var ack = await hubA.InvokeAsync<MessageDto>(HubNames.SendMessage, ch.Id, "hello over the hub", "hub-1");
        Assert.Equal("hello over the hub", ack.Text);
        var pushed = await eventsB.WaitAsync(e => e.Type == EventTypes.MessageCreated && e.Seq == ack.Seq, "message.created");
        Assert.Equal(ch.Id, pushed.ConversationId);
        Assert.Contains("hello over the hub", pushed.Data.GetRawText());

        var again = await hubA.InvokeAsync<MessageDto>(HubNames.SendMessage, ch.Id, "hello over the hub", "hub-1");
        Assert.Equal(ack.Id, again.Id);

        var reply = await hubA.InvokeAsync<MessageDto>(HubNames.Send, ch.Id, new SendMessageRequest("in the thread", "hub-2", ack.Id, null));
        Assert.Equal(ack.Id, reply.ThreadRootId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_OverHub_WithFileIds_AttachesFilesLikeRest(bool messagePack)
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "files over the hub", b.Id);
        var file = await Files.FileClient.UploadAsync(a, "agenda"u8.ToArray(), "agenda.txt", "text/plain");
        await using var hubA = _server.Hub(a.Token, messagePack);
        await hubA.StartAsync();

        var ack = await hubA.InvokeAsync<MessageDto>(HubNames.Send, g.Id, new SendMessageRequest("see attached", "hub-files-1", null, null, [file.Id]));

        Assert.Equal(new[] { file.Id }, (ack.Files ?? []).Select(f => f.Id).ToArray());
        var page = await b.Ok<ListResponse<MessageDto>>(b.Http.GetAsync($"/api/v1/conversations/{g.Id}/messages"));
        Assert.Equal("agenda.txt", Assert.Single(Assert.Single(page.Items, m => m.Id == ack.Id).Files!).Name);
        // Someone else's upload is refused over the hub exactly as over REST.
        var other = await Files.FileClient.UploadAsync(b, "x"u8.ToArray(), "x.txt", "text/plain");
        var ex = await Assert.ThrowsAsync<HubException>(() => hubA.InvokeAsync<MessageDto>(HubNames.Send, g.Id, new SendMessageRequest("not mine", null, null, null, [other.Id])));
        Assert.Contains(ErrorCodes.ValidationFailed, ex.Message);
    }

    [Fact]
    public async Task Hub_NonMember_GetsErrorWithCode_AndNoEvents()
    {
        var a = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "closed");
        await using var hubO = _server.Hub(outsider.Token);
        var eventsO = new EventCollector(hubO);
        await hubO.StartAsync();
        var ex = await Assert.ThrowsAsync<HubException>(() => hubO.InvokeAsync<MessageDto>(HubNames.SendMessage, g.Id, "let me in", null));
        Assert.Contains(ErrorCodes.NotFound, ex.Message);
        await Assert.ThrowsAsync<HubException>(() => hubO.InvokeAsync<MessageDto>(HubNames.Send, g.Id, new SendMessageRequest("let me in", null, null, null)));
        await Assert.ThrowsAsync<HubException>(() => hubO.InvokeAsync(HubNames.Typing, g.Id));
        await Assert.ThrowsAsync<HubException>(() => hubO.InvokeAsync(HubNames.MarkRead, g.Id, 1L));
        await a.SendAsync(g.Id, "private");
        await Task.Delay(300);
        Assert.DoesNotContain(eventsO.All, e => e.ConversationId == g.Id);
    }

    [Fact]
    public async Task Hub_WithoutToken_IsRefused()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_server.BaseAddress, HubNames.Path)).Build();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
        Assert.Contains("401", ex.Message);
    }

    [Fact]
    public async Task TypingReceiptsPresence_ReachTheRightPeople()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "signals", b.Id);
        await using var hubA = _server.Hub(a.Token);
        var eventsA = new EventCollector(hubA);
        await hubA.StartAsync();
        var watched = await hubA.InvokeAsync<List<PresenceDto>>(HubNames.WatchPresence, new[] { b.Id });
        Assert.Equal(PresenceStatus.Offline, Assert.Single(watched).Status);

        await using var hubB = _server.Hub(b.Token);
        var eventsB = new EventCollector(hubB);
        await hubB.StartAsync();
        await eventsA.WaitAsync(e => e.Type == EventTypes.Presence && e.Data.GetProperty("userId").GetInt64() == b.Id && e.Data.GetProperty("status").GetString() == "online", "b online");

        await hubB.InvokeAsync(HubNames.Typing, g.Id);
        await eventsA.WaitAsync(e => e.Type == EventTypes.Typing && e.Data.GetProperty("userId").GetInt64() == b.Id, "b typing");

        var m = await a.SendAsync(g.Id, "read me");
        await hubB.InvokeAsync(HubNames.MarkRead, g.Id, m.Seq);
        var receipt = await eventsA.WaitAsync(e => e.Type == EventTypes.Receipt, "receipt");
        Assert.Equal(m.Seq, receipt.Data.GetProperty("readSeq").GetInt64());

        await hubB.InvokeAsync(HubNames.SetPresence, "away");
        await eventsA.WaitAsync(e => e.Type == EventTypes.Presence && e.Data.GetProperty("status").GetString() == "away", "b away");
        await hubB.StopAsync();
        await eventsA.WaitAsync(e => e.Type == EventTypes.Presence && e.Data.GetProperty("status").GetString() == "offline", "b offline");
        Assert.DoesNotContain(eventsB.All, e => e.Type == EventTypes.Typing);
    }

    [Fact]
    public async Task MembershipChanges_StartAndStopDeliveryWithoutReconnect()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var g = await a.CreateAsync(ConversationKinds.Group, "later");
        await using var hubB = _server.Hub(b.Token);
        var eventsB = new EventCollector(hubB);
        await hubB.StartAsync();

        await a.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/members", new AddMembersRequest([b.Id]));
        await eventsB.WaitAsync(e => e.Type == EventTypes.MemberJoined && e.ConversationId == g.Id, "b joined");
        var m = await a.SendAsync(g.Id, "welcome");
        await eventsB.WaitAsync(e => e.Type == EventTypes.MessageCreated && e.Seq == m.Seq, "welcome message");

        await a.Http.DeleteAsync($"/api/v1/conversations/{g.Id}/members/{b.Id}");
        await eventsB.WaitAsync(e => e.Type == EventTypes.MemberLeft && e.ConversationId == g.Id, "b removed");
        var after = await a.SendAsync(g.Id, "after removal");
        await Task.Delay(300);
        Assert.DoesNotContain(eventsB.All, e => e.Seq == after.Seq && e.ConversationId == g.Id);
    }

    [Fact]
    public async Task Reconnect_CatchUpFromEvents_ConvergesWithNoGapsOrDuplicates()
    {
        var a = await _server.UserAsync();
        var b = await _server.UserAsync();
        var ch = await a.CreateAsync(ConversationKinds.Channel, "flaky", b.Id);

        // b's client state: messages by seq, and the last applied seq — what a real client keeps.
        var applied = new SortedDictionary<long, string>();
        long lastSeq = 0;
        void Apply(IEnumerable<(long seq, string type)> events)
        {
            foreach (var (seq, type) in events.OrderBy(e => e.seq))
            {
                if (seq <= lastSeq) continue; // a duplicate from overlap between push and catch-up
                Assert.True(seq == lastSeq + 1, $"gap: expected seq {lastSeq + 1}, got {seq}");
                applied[seq] = type;
                lastSeq = seq;
            }
        }
        async Task CatchUp()
        {
            while (true)
            {
                var page = (await b.Ok<ListResponse<EventDto>>(b.Http.GetAsync($"/api/v1/conversations/{ch.Id}/events?afterSeq={lastSeq}&limit=7"))).Items;
                if (page.Count == 0) return;
                Apply(page.Select(e => (e.Seq!.Value, e.Type)));
            }
        }

        await CatchUp();
        await using (var hub = _server.Hub(b.Token))
        {
            var live = new EventCollector(hub);
            await hub.StartRegisteredAsync();
            for (var i = 0; i < 5; i++) await a.SendAsync(ch.Id, $"while online {i}");
            await live.WaitAsync(e => e.Seq == lastSeq + 5 + 0 || live.All.Count(x => x.ConversationId == ch.Id && x.Type == EventTypes.MessageCreated) >= 5, "5 live messages");
            Apply(live.All.Where(e => e.ConversationId == ch.Id && e.Seq is not null).Select(e => (e.Seq!.Value, e.Type)));
        }
        // Offline: the server moves on.
        for (var i = 0; i < 23; i++) await a.SendAsync(ch.Id, $"while offline {i}");
        await using (var hub = _server.Hub(b.Token))
        {
            var live = new EventCollector(hub);
            await hub.StartAsync();
            var sending = Task.Run(async () => { for (var i = 0; i < 10; i++) await a.SendAsync(ch.Id, $"during catch-up {i}"); });
            await CatchUp();
            await sending;
            // Buffered live events that overlap the catch-up are dropped by seq; the rest fill in.
            Apply(live.All.Where(e => e.ConversationId == ch.Id && e.Seq is not null).Select(e => (e.Seq!.Value, e.Type)));
            await CatchUp();
        }
        var server = (await b.Ok<ListResponse<EventDto>>(b.Http.GetAsync($"/api/v1/conversations/{ch.Id}/events?afterSeq=0&limit=1000"))).Items;
        Assert.Equal(server.Select(e => e.Seq!.Value), applied.Keys);
        Assert.Equal(1 + 1 + 5 + 23 + 10, applied.Count); // two joins, then 38 messages
    }
}
