using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;
using Xunit;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// A group call through Parley's API with a real Janus behind it: the call goes SFU above the peer-to-peer size, each
/// joiner gets a token Janus accepts, a participant who leaves can no longer get in with theirs, and when the call ends
/// Janus keeps no room. When Janus refuses, starting the call answers 503 sfu_unavailable and no call stays running.
/// </summary>
public sealed class SfuCallTests : IAsyncLifetime
{
    private JanusServer _janus = null!;

    public async Task InitializeAsync() => _janus = await JanusServer.StartAsync();

    public async Task DisposeAsync() => await _janus.DisposeAsync();

    private static async Task<(TestServer Server, Session[] Members, long ConversationId)> GroupAsync(Dictionary<string, string?> settings)
    {
        settings["Parley:Calls:PeerToPeerMaxParticipants"] = "2";
        var server = await TestServer.StartAsync(settings);
        var owner = await server.UserAsync();
        var a = await server.UserAsync();
        var b = await server.UserAsync();
        var group = await owner.CreateAsync("group", "stand-up", a.Id, b.Id);
        return (server, [owner, a, b], group.Id);
    }

    [Fact]
    public async Task JoinLeaveEnd_SfuCall_JanusAdmitsThenRefusesAndForgetsTheRoom()
    {
        var (server, members, conversationId) = await GroupAsync(_janus.Settings());
        await using var _ = server;
        var call = await members[0].Ok<CallDto>(members[0].Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/calls", new StartCallRequest("video")));
        Assert.Equal(CallTopologies.Sfu, call.Topology);

        var grants = new List<SfuJoinDto>();
        foreach (var member in members)
        {
            var join = await member.Ok<CallJoinDto>(member.Http.PostAsync($"/api/v1/calls/{call.Id}/join", null));
            Assert.NotNull(join.Sfu);
            grants.Add(join.Sfu!);
            Assert.Equal("joined", (await _janus.JoinAsync(join.Sfu!.RoomId, join.Sfu.Token, member.Id)).GetProperty("videoroom").GetString());
        }
        Assert.Equal(3, grants.Select(g => g.Token).Distinct().Count());

        await members[1].Ok<CallDto>(members[1].Http.PostAsync($"/api/v1/calls/{call.Id}/leave", null));
        var again = await _janus.JoinAsync(grants[1].RoomId, grants[1].Token, members[1].Id);
        Assert.True(again.TryGetProperty("error_code", out var code) && code.GetInt32() == 433, $"a participant who left must not get back into the SFU room with their old token; Janus answered {again}");

        await members[0].Ok<CallDto>(members[0].Http.PostAsync($"/api/v1/calls/{call.Id}/leave", null));
        var ended = await members[2].Ok<CallDto>(members[2].Http.PostAsync($"/api/v1/calls/{call.Id}/leave", null));
        Assert.NotNull(ended.EndedAt);
        var exists = await _janus.VideoRoomAsync(new JsonObject { ["request"] = "exists", ["room"] = grants[0].RoomId });
        Assert.False(exists.GetProperty("exists").GetBoolean(), "the SFU room of an ended call must be destroyed");
    }

    [Fact]
    public async Task Start_JanusRefusesRoom_SfuUnavailableAndNoCallLeftRunning()
    {
        var (server, members, conversationId) = await GroupAsync(new(_janus.Settings()) { ["Parley:Calls:Janus:AdminKey"] = "not-the-key" });
        await using var _ = server;

        var (status, problem) = await members[0].StatusAsync(members[0].Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/calls", new StartCallRequest("video")));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, ErrorCodes.SfuUnavailable), (status, problem));
        var running = await members[0].Ok<ListResponse<CallDto>>(members[0].Http.GetAsync("/api/v1/calls"));
        Assert.True(running.Items.Count == 0, "a call whose SFU room could not be made must not stay running (nobody could ever join it)");
    }
}
