using System.Globalization;
using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

public class ServerTimingTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ApiResponses_CarryTheirTimeInsideTheServer_SuccessAndErrorAlike()
    {
        var alice = await _server.UserAsync();
        using var ok = await alice.Http.GetAsync("/api/v1/conversations");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.InRange(Duration(ok), 0, 60_000);

        using var anon = _server.Client();
        using var refused = await anon.GetAsync("/api/v1/conversations");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.InRange(Duration(refused), 0, 60_000);
    }

    [Fact]
    public async Task NonApiResponses_DoNotCarryIt()
    {
        using var anon = _server.Client();
        using var ready = await anon.GetAsync("/readyz");
        Assert.False(ready.Headers.Contains("Server-Timing"));
    }

    private static double Duration(HttpResponseMessage res)
    {
        var value = Assert.Single(res.Headers.GetValues("Server-Timing"));
        Assert.StartsWith("app;dur=", value, StringComparison.Ordinal);
        return double.Parse(value["app;dur=".Length..], CultureInfo.InvariantCulture);
    }
}
