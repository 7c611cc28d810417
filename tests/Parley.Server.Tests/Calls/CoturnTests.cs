using System.Globalization;
using Parley.Contracts;
using Parley.Server.Features.Calls;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// Parley's TURN credentials against the real coturn (use-auth-secret): the credential from
/// <c>GET /api/v1/calls/ice-servers</c> gets a relay allocation; an expired one, and one made with another secret, are refused.
/// </summary>
public class CoturnTests : IAsyncLifetime
{
    private Coturn _turn = null!;
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _turn = await Coturn.StartAsync();
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Calls:TurnUrls:0"] = _turn.TurnUrl,
            ["Parley:Calls:TurnSecret"] = _turn.Secret,
            ["Parley:Calls:ForceRelay"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _turn.DisposeAsync();
    }

    [Fact]
    public async Task Allocate_WithParleysCredential_GetsARelay()
    {
        var alice = await _server.UserAsync();
        var ice = await alice.Ok<IceServersDto>(alice.Http.GetAsync("/api/v1/calls/ice-servers"));
        Assert.True(ice.IceTransportPolicy == "relay", "Parley:Calls:ForceRelay must tell clients to use relayed candidates only");
        var turn = Assert.Single(ice.IceServers, s => s.Username is not null);
        var result = await TurnProbe.AllocateAsync(_turn.Port, turn.Username!, turn.Credential!);
        Assert.True(result.Allocated, $"coturn refused Parley's TURN credential (error {result.Error}): the username or HMAC does not follow use-auth-secret");
        Assert.True(result.HasRelayedAddress, "an allocation must carry the relayed address");
    }

    [Fact]
    public async Task Allocate_ExpiredOrForeignCredential_IsRefused()
    {
        var expiredName = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()}:42");
        var expired = await TurnProbe.AllocateAsync(_turn.Port, expiredName, IceServers.Credential(_turn.Secret, expiredName));
        Assert.True(!expired.Allocated && expired.Error == 401, $"coturn must refuse a credential whose expiry has passed (got allocated={expired.Allocated}, error {expired.Error})");

        var validName = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds()}:42");
        var foreign = await TurnProbe.AllocateAsync(_turn.Port, validName, IceServers.Credential("not-the-shared-secret-at-all", validName));
        Assert.True(!foreign.Allocated && foreign.Error == 401, $"coturn must refuse a credential made with another secret (got allocated={foreign.Allocated}, error {foreign.Error})");
    }
}
