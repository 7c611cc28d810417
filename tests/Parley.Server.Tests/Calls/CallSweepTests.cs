using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// The sweep ends what nobody ends by hand: a participant whose client stopped reporting (closed tab, dead node) is
/// dropped and a call left empty ends; one that keeps reporting stays.
/// </summary>
public class CallSweepTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        // Dave reports every ~0.3 s; 3 s leaves room for a stall of the test process under a loaded CI (1.2 s once
        // dropped him), and the silent call still ends well inside the 10 s the test waits.
        ["Parley:Calls:ParticipantTimeout"] = "00:00:03",
        ["Parley:Calls:SweepInterval"] = "00:00:00.2",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sweep_SilentParticipant_IsDroppedAndCallEnds_HeartbeatingOneStays()
    {
        var alice = await _server.UserAsync();
        var dave = await _server.UserAsync();
        var quiet = await alice.CreateAsync(ConversationKinds.Group, "quiet");
        var lively = await dave.CreateAsync(ConversationKinds.Group, "lively");
        var silentCall = await alice.Ok<CallDto>(alice.Http.PostAsJsonAsync($"/api/v1/conversations/{quiet.Id}/calls", new StartCallRequest("audio")));
        var liveCall = await dave.Ok<CallDto>(dave.Http.PostAsJsonAsync($"/api/v1/conversations/{lively.Id}/calls", new StartCallRequest("audio")));
        await using var daveHub = _server.Hub(dave.Token);
        await daveHub.StartAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        CallDto silent;
        do
        {
            await daveHub.InvokeAsync(HubNames.CallHeartbeat, liveCall.Id);
            await Task.Delay(300);
            silent = await alice.Ok<CallDto>(alice.Http.GetAsync($"/api/v1/calls/{silentCall.Id}"));
        }
        while (silent.EndedAt is null && DateTime.UtcNow < deadline);

        Assert.True(silent.EndedAt is not null, "a call whose only participant went silent must end by the sweep");
        Assert.Equal(CallOutcomes.Cancelled, silent.Outcome);
        var live = await dave.Ok<CallDto>(dave.Http.GetAsync($"/api/v1/calls/{liveCall.Id}"));
        Assert.True(live.EndedAt is null, "a participant that keeps reporting must not be dropped");
    }
}
