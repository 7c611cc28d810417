using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Calls;

/// <summary>Issue 15: the call model — start, ring on every tab, answer, decline, miss, hang up, signalling, removal.</summary>
public class CallTests : IAsyncLifetime
{
    private const string TurnSecret = "coturn-shared-secret-0123456789";
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Calls:StunUrls:0"] = "stun:turn.example.test:3478",
        ["Parley:Calls:TurnUrls:0"] = "turn:turn.example.test:3478?transport=udp",
        ["Parley:Calls:TurnSecret"] = TurnSecret,
        ["Parley:Calls:TurnCredentialTtl"] = "00:10:00",
        ["Parley:Calls:RingTimeout"] = "00:00:01.5",
        ["Parley:Calls:SweepInterval"] = "00:00:00.2",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<HttpResponseMessage> Start(Session s, long conversationId, string media = "video") =>
        s.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/calls", new StartCallRequest(media));

    private static async Task<List<JsonElement>> CallEvents(Session s, long conversationId, string type) =>
        (await s.Ok<ListResponse<EventDto>>(s.Http.GetAsync($"/api/v1/conversations/{conversationId}/events?afterSeq=0"))).Items
            .Where(e => e.Type == type).Select(e => (JsonElement)e.Data!).ToList();

    private async Task<(HubConnection Hub, EventCollector Events)> Tab(Session s)
    {
        var hub = _server.Hub(s.Token);
        var events = new EventCollector(hub);
        await hub.StartAsync();
        return (hub, events);
    }

    [Fact]
    public async Task IceServers_TurnCredential_IsHmacOfSecretWithExpiryAndUser()
    {
        var alice = await _server.UserAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var res = await alice.Http.GetAsync("/api/v1/calls/ice-servers");
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.IsSuccessStatusCode, body);
        Assert.DoesNotContain(TurnSecret, body, StringComparison.Ordinal);
        var dto = JsonSerializer.Deserialize<IceServersDto>(body, Json.Options)!;
        Assert.Equal((600, "all"), (dto.TtlSeconds, dto.IceTransportPolicy));
        var stun = Assert.Single(dto.IceServers, s => s.Username is null);
        Assert.Equal(["stun:turn.example.test:3478"], stun.Urls);
        var turn = Assert.Single(dto.IceServers, s => s.Username is not null);
        Assert.Equal(["turn:turn.example.test:3478?transport=udp"], turn.Urls);
        var parts = turn.Username!.Split(':');
        Assert.Equal(alice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[1]);
        var expiry = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiry, before + 600 - 5, before + 600 + 5);
        // What coturn computes under use-auth-secret: base64(HMAC-SHA1(static-auth-secret, username)).
#pragma warning disable CA5350
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(TurnSecret), Encoding.UTF8.GetBytes(turn.Username)));
#pragma warning restore CA5350
        Assert.True(expected == turn.Credential, "the TURN credential must be the HMAC of the shared secret over the username, or coturn refuses it");
    }

    [Fact]
    public async Task Start_WhileACallRuns_Is409NamingIt_AndOutsiderGets404()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var dm = await alice.CreateAsync(ConversationKinds.Direct, null, bob.Id);
        var call = await alice.Ok<CallDto>(Start(alice, dm.Id, "audio"));
        Assert.Equal((dm.Id, "audio", CallTopologies.PeerToPeer), (call.ConversationId, call.Media, call.Topology));

        using var second = await Start(bob, dm.Id);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(CallErrorCodes.AlreadyRunning, problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("callId").GetInt64() == call.Id, "the 409 must name the running call so the client can join it");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.StatusAsync(Start(outsider, dm.Id))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await bob.StatusAsync(bob.Http.PostAsJsonAsync($"/api/v1/conversations/{dm.Id}/calls", new StartCallRequest("hologram")))).Status);
        Assert.Single(await CallEvents(bob, dm.Id, CallEventTypes.Started));
        Assert.Equal([call.Id], (await bob.Ok<ListResponse<CallDto>>(bob.Http.GetAsync("/api/v1/calls"))).Items.Select(c => c.Id));
    }

    /// <summary>Alice calls Bob in their direct conversation; Bob has two tabs, and both ring.</summary>
    private sealed record Ringing(Session Alice, Session Bob, ConversationDto Dm, CallDto Call, EventCollector Tab1, EventCollector Tab2, HubConnection[] Hubs) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var hub in Hubs) await hub.DisposeAsync();
        }
    }

    private async Task<Ringing> RingBobOnTwoTabsAsync()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var dm = await alice.CreateAsync(ConversationKinds.Direct, null, bob.Id);
        var (hub1, events1) = await Tab(bob);
        var (hub2, events2) = await Tab(bob);
        var call = await alice.Ok<CallDto>(Start(alice, dm.Id));
        await events1.WaitAsync(e => e.Type == CallEventTypes.Ring, "call.ring on the callee's first tab");
        await events2.WaitAsync(e => e.Type == CallEventTypes.Ring, "call.ring on the callee's second tab");
        return new Ringing(alice, bob, dm, call, events1, events2, [hub1, hub2]);
    }

    [Fact]
    public async Task Decline_RingsEveryTabThenStopsOnAll_AndLogsDeclined()
    {
        await using var r = await RingBobOnTwoTabsAsync();
        var declined = await r.Bob.Ok<CallDto>(r.Bob.Http.PostAsync($"/api/v1/calls/{r.Call.Id}/decline", null));
        Assert.Equal(CallOutcomes.Declined, declined.Outcome);
        await r.Tab1.WaitAsync(e => e.Type == CallEventTypes.RingStopped, "call.ring_stopped on the first tab");
        await r.Tab2.WaitAsync(e => e.Type == CallEventTypes.RingStopped, "call.ring_stopped on the second tab (it must stop ringing too)");
        var ended = Assert.Single(await CallEvents(r.Alice, r.Dm.Id, CallEventTypes.Ended));
        Assert.Equal((CallOutcomes.Declined, 0), (ended.GetProperty("outcome").GetString(), ended.GetProperty("durationSeconds").GetInt32()));
    }

    [Fact]
    public async Task Join_StopsRingingOnOtherTab_HangUpLogsEndedWithDurationAndParticipants()
    {
        await using var r = await RingBobOnTwoTabsAsync();
        var (alice, bob, dm, call) = (r.Alice, r.Bob, r.Dm, r.Call);
        var joined = await bob.Ok<CallJoinDto>(bob.Http.PostAsync($"/api/v1/calls/{call.Id}/join", null));
        Assert.Null(joined.Sfu);
        Assert.Equal(2, joined.Call.Participants.Count(p => p.State == CallParticipantStates.Joined));
        Assert.True(joined.Call.Revision > call.Revision, "the answer changed the call, so its revision must grow (clients keep the newest copy by it)");
        await r.Tab2.WaitAsync(e => e.Type == CallEventTypes.RingStopped, "call.ring_stopped on the tab that did not answer");

        await Task.Delay(1100);
        await alice.Ok<CallDto>(alice.Http.PostAsync($"/api/v1/calls/{call.Id}/leave", null));
        var ended = Assert.Single(await CallEvents(bob, dm.Id, CallEventTypes.Ended));
        Assert.Equal(CallOutcomes.Completed, ended.GetProperty("outcome").GetString());
        Assert.True(ended.GetProperty("durationSeconds").GetInt32() >= 1, "the duration runs from the answer to the hang-up");
        Assert.Equal([alice.Id, bob.Id], ended.GetProperty("participants").EnumerateArray().Select(p => p.GetInt64()).Order());
        await r.Tab1.WaitAsync(e => e.Type == CallEventTypes.Updated && e.Data.GetProperty("call").GetProperty("endedAt").ValueKind != JsonValueKind.Null,
            "call.updated with the end reaches the other participant (a direct call ends when either hangs up)");
        Assert.Equal(HttpStatusCode.Conflict, (await bob.StatusAsync(bob.Http.PostAsync($"/api/v1/calls/{call.Id}/join", null))).Status);
        var record = Assert.Single((await bob.Ok<ListResponse<CallDto>>(bob.Http.GetAsync($"/api/v1/conversations/{dm.Id}/calls"))).Items);
        Assert.Equal((call.Id, CallOutcomes.Completed), (record.Id, record.Outcome));
        Assert.True(record.Revision > joined.Call.Revision, "the hang-up changed the call again: a late copy of the answered call must read as older");
    }

    [Fact]
    public async Task RingTimeout_NobodyAnswers_LogsMissedAndStopsRinging()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var dm = await alice.CreateAsync(ConversationKinds.Direct, null, bob.Id);
        var (tab, events) = await Tab(bob);
        await using (tab)
        {
            var call = await alice.Ok<CallDto>(Start(alice, dm.Id, "audio"));
            await events.WaitAsync(e => e.Type == CallEventTypes.Ring, "call.ring");
            await events.WaitAsync(e => e.Type == CallEventTypes.RingStopped, "call.ring_stopped after the ring timeout");
            var got = await bob.Ok<CallDto>(bob.Http.GetAsync($"/api/v1/calls/{call.Id}"));
            Assert.Equal(CallOutcomes.Missed, got.Outcome);
            Assert.Equal(CallParticipantStates.Missed, got.Participants.Single(p => p.UserId == bob.Id).State);
            var ended = Assert.Single(await CallEvents(bob, dm.Id, CallEventTypes.Ended));
            Assert.Equal(CallOutcomes.Missed, ended.GetProperty("outcome").GetString());
        }
    }

    [Fact]
    public async Task Signal_RelayedOnlyBetweenJoinedParticipants()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "standup", bob.Id, carol.Id);
        var call = await alice.Ok<CallDto>(Start(alice, g.Id));
        await bob.Ok<CallJoinDto>(bob.Http.PostAsync($"/api/v1/calls/{call.Id}/join", null));
        var (aliceHub, aliceEvents) = await Tab(alice);
        var (bobHub, _) = await Tab(bob);
        var (carolHub, _) = await Tab(carol);
        var (outsiderHub, _) = await Tab(outsider);
        await using (aliceHub)
        await using (bobHub)
        await using (carolHub)
        await using (outsiderHub)
        {
            await bobHub.InvokeAsync(HubNames.CallSignal, call.Id, alice.Id, CallSignalKinds.Offer, "{\"sdp\":\"v=0\"}");
            var signal = await aliceEvents.WaitAsync(e => e.Type == CallEventTypes.Signal, "call.signal to the addressed participant");
            Assert.Equal((bob.Id, "offer"), (signal.Data.GetProperty("fromUserId").GetInt64(), signal.Data.GetProperty("kind").GetString()));

            var stranger = await Assert.ThrowsAsync<HubException>(() => outsiderHub.InvokeAsync(HubNames.CallSignal, call.Id, alice.Id, CallSignalKinds.Offer, "{}"));
            Assert.Contains(ErrorCodes.NotFound + ":", stranger.Message, StringComparison.Ordinal);
            var ringing = await Assert.ThrowsAsync<HubException>(() => carolHub.InvokeAsync(HubNames.CallSignal, call.Id, alice.Id, CallSignalKinds.Offer, "{}"));
            Assert.Contains(CallErrorCodes.NotJoined + ":", ringing.Message, StringComparison.Ordinal);
            var toRinging = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync(HubNames.CallSignal, call.Id, carol.Id, CallSignalKinds.Offer, "{}"));
            Assert.Contains(CallErrorCodes.NotJoined + ":", toRinging.Message, StringComparison.Ordinal);
            var bad = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync(HubNames.CallSignal, call.Id, alice.Id, "shout", "{}"));
            Assert.Contains(ErrorCodes.ValidationFailed + ":", bad.Message, StringComparison.Ordinal);
            var heartbeat = await Assert.ThrowsAsync<HubException>(() => outsiderHub.InvokeAsync(HubNames.CallHeartbeat, call.Id));
            Assert.Contains(ErrorCodes.NotFound + ":", heartbeat.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(aliceEvents.All, e => e.Type == CallEventTypes.Signal && e.Data.GetProperty("fromUserId").GetInt64() != bob.Id);
        }
    }

    [Fact]
    public async Task RemoveMember_DropsThemFromTheRunningCall()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var g = await alice.CreateAsync(ConversationKinds.Group, "ops", bob.Id, carol.Id);
        var call = await alice.Ok<CallDto>(Start(alice, g.Id));
        await bob.Ok<CallJoinDto>(bob.Http.PostAsync($"/api/v1/calls/{call.Id}/join", null));
        var (bobHub, bobEvents) = await Tab(bob);
        await using (bobHub)
        {
            using var removed = await alice.Http.DeleteAsync($"/api/v1/conversations/{g.Id}/members/{bob.Id}");
            Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync());
            await bobEvents.WaitAsync(e => e.Type == CallEventTypes.Updated
                && e.Data.GetProperty("call").GetProperty("participants").EnumerateArray().Any(p => p.GetProperty("userId").GetInt64() == bob.Id && p.GetProperty("state").GetString() == CallParticipantStates.Left),
                "call.updated telling the removed member they left the call");
            var now = await alice.Ok<CallDto>(alice.Http.GetAsync($"/api/v1/calls/{call.Id}"));
            Assert.Equal(CallParticipantStates.Left, now.Participants.Single(p => p.UserId == bob.Id).State);
            Assert.Null(now.EndedAt);
            var refused = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync(HubNames.CallSignal, call.Id, alice.Id, CallSignalKinds.Offer, "{}"));
            Assert.Contains(ErrorCodes.NotFound + ":", refused.Message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await bob.StatusAsync(bob.Http.PostAsync($"/api/v1/calls/{call.Id}/join", null))).Status);
        }
    }
}
