using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Cluster;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// Issue 15, cluster: the caller on node 1, the callee connected to node 2 (two real nodes on one PostgreSQL and one
/// Redis). Ringing, the join, the offer/answer/candidate relay and the hang-up all cross between the nodes. The media
/// path is the browsers' own (the 1:1 e2e covers it); this proves the signalling Parley carries works across nodes.
/// </summary>
[Collection("cluster")]
[Trait("Category", "Cluster")]
public class CallClusterTests
{
    private static bool Joined(ReceivedEvent e, long callId, long userId) =>
        e.Type == CallEventTypes.Updated
        && e.Data.GetProperty("call").GetProperty("id").GetInt64() == callId
        && e.Data.GetProperty("call").GetProperty("participants").EnumerateArray()
            .Any(p => p.GetProperty("userId").GetInt64() == userId && p.GetProperty("state").GetString() == CallParticipantStates.Joined);

    private static bool Ended(ReceivedEvent e, long callId) =>
        e.Type == CallEventTypes.Updated
        && e.Data.GetProperty("call").GetProperty("id").GetInt64() == callId
        && e.Data.GetProperty("call").GetProperty("endedAt").ValueKind != JsonValueKind.Null;

    private static bool SignalFrom(ReceivedEvent e, long callId, long fromUserId, string kind) =>
        e.Type == CallEventTypes.Signal
        && e.Data.GetProperty("callId").GetInt64() == callId
        && e.Data.GetProperty("fromUserId").GetInt64() == fromUserId
        && e.Data.GetProperty("kind").GetString() == kind;

    [Fact]
    public async Task Call_CallerOnNode1CalleeOnNode2_RingsJoinsSignalsBothWaysAndEndsOnBoth()
    {
        await using var cluster = await Cluster.Cluster.StartAsync(2);
        var (one, two) = (cluster.Nodes[0], cluster.Nodes[1]);
        var (_, users) = await ClusterUser.CreateAsync(one, 2);
        var (alice, bob) = (users[0], users[1]);
        using var aliceHttp = alice.Http(one);
        using var bobHttp = bob.Http(two);
        var dmRes = await aliceHttp.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest(ConversationKinds.Direct, null, [bob.Id], null));
        dmRes.EnsureSuccessStatusCode();
        var dm = (await dmRes.Content.ReadFromJsonAsync<ConversationDto>(Json.Options))!.Id;

        await using var aliceHub = alice.Hub(one);
        await using var bobHub = bob.Hub(two);
        var aliceEvents = new EventCollector(aliceHub);
        var bobEvents = new EventCollector(bobHub);
        await Task.WhenAll(aliceHub.StartAsync(), bobHub.StartAsync());
        // A node registers a connection just after the handshake; the ring is user-addressed, so give node 2 a moment.
        await Task.Delay(300);

        // Alice starts the call on node 1; bob's connection on node 2 rings.
        var startRes = await aliceHttp.PostAsJsonAsync($"/api/v1/conversations/{dm}/calls", new StartCallRequest(CallMedia.Video));
        Assert.True(startRes.IsSuccessStatusCode, await startRes.Content.ReadAsStringAsync());
        var call = (await startRes.Content.ReadFromJsonAsync<CallDto>(Json.Options))!;
        var ring = await bobEvents.WaitAsync(e => e.Type == CallEventTypes.Ring, "call.ring on node 2 for a call started on node 1");
        Assert.True(ring.Data.GetProperty("call").GetProperty("id").GetInt64() == call.Id, "the ring on node 2 must name the call started on node 1");

        // Bob answers through node 2; alice on node 1 learns he joined.
        var joinRes = await bobHttp.PostAsync($"/api/v1/calls/{call.Id}/join", null);
        Assert.True(joinRes.IsSuccessStatusCode, await joinRes.Content.ReadAsStringAsync());
        await aliceEvents.WaitAsync(e => Joined(e, call.Id, bob.Id), "call.updated on node 1 showing the callee (node 2) joined");

        // Offer node 1 → node 2, answer node 2 → node 1, candidates both ways.
        await aliceHub.InvokeAsync(HubNames.CallSignal, call.Id, bob.Id, CallSignalKinds.Offer, "{\"type\":\"offer\",\"sdp\":\"v=0 alice\"}");
        var offer = await bobEvents.WaitAsync(e => SignalFrom(e, call.Id, alice.Id, CallSignalKinds.Offer), "alice's offer relayed from node 1 to bob on node 2");
        Assert.Equal("{\"type\":\"offer\",\"sdp\":\"v=0 alice\"}", offer.Data.GetProperty("payload").GetString());
        await bobHub.InvokeAsync(HubNames.CallSignal, call.Id, alice.Id, CallSignalKinds.Answer, "{\"type\":\"answer\",\"sdp\":\"v=0 bob\"}");
        var answer = await aliceEvents.WaitAsync(e => SignalFrom(e, call.Id, bob.Id, CallSignalKinds.Answer), "bob's answer relayed from node 2 to alice on node 1");
        Assert.Equal("{\"type\":\"answer\",\"sdp\":\"v=0 bob\"}", answer.Data.GetProperty("payload").GetString());
        await aliceHub.InvokeAsync(HubNames.CallSignal, call.Id, bob.Id, CallSignalKinds.Candidate, "{\"candidate\":\"a1\"}");
        await bobHub.InvokeAsync(HubNames.CallSignal, call.Id, alice.Id, CallSignalKinds.Candidate, "{\"candidate\":\"b1\"}");
        await bobEvents.WaitAsync(e => SignalFrom(e, call.Id, alice.Id, CallSignalKinds.Candidate), "alice's ICE candidate on node 2");
        await aliceEvents.WaitAsync(e => SignalFrom(e, call.Id, bob.Id, CallSignalKinds.Candidate), "bob's ICE candidate on node 1");
        Assert.DoesNotContain(aliceEvents.All, e => e.Type == CallEventTypes.Signal && e.Data.GetProperty("fromUserId").GetInt64() == alice.Id);

        // Bob hangs up on node 2: the direct call ends on both nodes, and the record reads the same on each.
        var leaveRes = await bobHttp.PostAsync($"/api/v1/calls/{call.Id}/leave", null);
        Assert.True(leaveRes.IsSuccessStatusCode, await leaveRes.Content.ReadAsStringAsync());
        await aliceEvents.WaitAsync(e => Ended(e, call.Id), "call.updated with the end on node 1 after the hang-up on node 2");
        await bobEvents.WaitAsync(e => Ended(e, call.Id), "call.updated with the end on node 2");
        var onOne = (await aliceHttp.GetFromJsonAsync<CallDto>($"/api/v1/calls/{call.Id}", Json.Options))!;
        var onTwo = (await bobHttp.GetFromJsonAsync<CallDto>($"/api/v1/calls/{call.Id}", Json.Options))!;
        Assert.Equal((CallOutcomes.Completed, CallOutcomes.Completed), (onOne.Outcome, onTwo.Outcome));
        Assert.NotNull(onOne.EndedAt);
        var aliceCalls = (await aliceHttp.GetFromJsonAsync<ListResponse<CallDto>>("/api/v1/calls", Json.Options))!;
        Assert.True(aliceCalls.Items.Count == 0, "node 1 still lists the call as running after it ended on node 2");
    }
}
