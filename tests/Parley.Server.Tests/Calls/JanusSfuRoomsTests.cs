using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Calls.Sfu;
using Xunit;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// Parley's Janus rooms against a real Janus: a room admits only the tokens Parley granted, a revoked token is refused
/// and its publisher kicked, an ended call leaves no room behind, and Janus failures become 503 sfu_unavailable.
/// </summary>
public sealed class JanusSfuRoomsTests : IAsyncLifetime
{
    private JanusServer _janus = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _janus = await JanusServer.StartAsync();
        _services = Services(_janus.Settings());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _janus.DisposeAsync();
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddJanusSfu(configuration).BuildServiceProvider();
    }

    private static CancellationToken Ct => CancellationToken.None;

    private ISfuRooms Rooms => _services.GetRequiredService<ISfuRooms>();

    [Fact]
    public async Task AdmitAsync_GrantedToken_JanusAdmitsItAndRefusesOthers()
    {
        var room = await Rooms.CreateAsync(callId: 1, maxPublishers: 5, Ct);
        var grant = await Rooms.AdmitAsync(room, userId: 7, Ct);

        Assert.Equal(room.RoomId, grant.RoomId);
        Assert.Equal("https://sfu.example.test/janus", grant.ClientUrl);
        Assert.Equal("joined", (await _janus.JoinAsync(room.RoomId, grant.Token, 7)).GetProperty("videoroom").GetString());
        Assert.True(Refused(await _janus.JoinAsync(room.RoomId, token: null, 8)), "a join without a token must be refused: the room must check its allowed list");
        Assert.True(Refused(await _janus.JoinAsync(room.RoomId, "8.guessed", 8)), "a token Parley never granted must be refused");
    }

    [Fact]
    public async Task RevokeAsync_RevokedGrant_JanusRefusesTokenAndKicksPublisher()
    {
        var room = await Rooms.CreateAsync(callId: 2, maxPublishers: 5, Ct);
        var kept = await Rooms.AdmitAsync(room, userId: 6, Ct);
        var revoked = await Rooms.AdmitAsync(room, userId: 7, Ct);
        Assert.Equal("joined", (await _janus.JoinAsync(room.RoomId, kept.Token, 6)).GetProperty("videoroom").GetString());
        Assert.Equal("joined", (await _janus.JoinAsync(room.RoomId, revoked.Token, 7)).GetProperty("videoroom").GetString());

        await Rooms.RevokeAsync(room, revoked, Ct);

        Assert.True(Refused(await _janus.JoinAsync(room.RoomId, revoked.Token, 7)), "a revoked grant must no longer open the room");
        var participants = (await _janus.VideoRoomAsync(new JsonObject { ["request"] = "listparticipants", ["room"] = room.RoomId }))
            .GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("display").GetString()).ToList();
        Assert.True(participants.SequenceEqual(["6"]), $"the revoked user's publisher must be kicked and the other kept; Janus lists [{string.Join(", ", participants)}]");
    }

    [Fact]
    public async Task DestroyAsync_EndedCall_JanusListsNoRoom()
    {
        var room = await Rooms.CreateAsync(callId: 3, maxPublishers: 5, Ct);
        Assert.Contains(room.RoomId, await ListedRoomsAsync());

        await Rooms.DestroyAsync(room, Ct);
        await Rooms.DestroyAsync(room, Ct); // ending twice (two nodes, a retry) is not an error

        Assert.DoesNotContain(room.RoomId, await ListedRoomsAsync());
        Assert.False((await _janus.VideoRoomAsync(new JsonObject { ["request"] = "exists", ["room"] = room.RoomId })).GetProperty("exists").GetBoolean(),
            "Janus must not keep the room of an ended call");
    }

    [Fact]
    public async Task Create_WithoutAdminKey_JanusRefusesAnyoneButParley()
    {
        var answer = await _janus.VideoRoomAsync(new JsonObject { ["request"] = "create", ["publishers"] = 50 });
        Assert.True(answer.TryGetProperty("error_code", out _), $"a browser must not be able to create rooms on Parley's Janus: {answer}");
    }

    [Fact]
    public async Task CreateAsync_WrongAdminKey_SfuUnavailable()
    {
        await using var services = Services(new(_janus.Settings()) { ["Parley:Calls:Janus:AdminKey"] = "wrong" });
        var error = await Assert.ThrowsAsync<ParleyException>(() => services.GetRequiredService<ISfuRooms>().CreateAsync(4, 5, Ct));
        Assert.Equal((503, ErrorCodes.SfuUnavailable), (error.Status, error.Code));
    }

    [Fact]
    public async Task CreateAsync_JanusDown_SfuUnavailable()
    {
        await using var services = Services(new(_janus.Settings()) { ["Parley:Calls:Janus:Url"] = $"http://127.0.0.1:{Infrastructure.Ports.Free()}/janus" });
        var error = await Assert.ThrowsAsync<ParleyException>(() => services.GetRequiredService<ISfuRooms>().CreateAsync(5, 5, Ct));
        Assert.Equal((503, ErrorCodes.SfuUnavailable), (error.Status, error.Code));
    }

    [Fact]
    public async Task Options_NotAnHttpUrl_FailValidation()
    {
        await using var services = Services(new() { ["Parley:Calls:Janus:Url"] = "janus.example.test:8088" });
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<JanusOptions>>().Value);
    }

    private async Task<List<long>> ListedRoomsAsync() =>
        (await _janus.VideoRoomAsync(new JsonObject { ["request"] = "list", ["admin_key"] = JanusServer.AdminKey }))
        .GetProperty("list").EnumerateArray().Select(r => r.GetProperty("room").GetInt64()).ToList();

    private static bool Refused(JsonElement answer) => answer.TryGetProperty("error_code", out var code) && code.GetInt32() == 433;
}
