using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

public class ConfigTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Messages:RecallWindow"] = "00:05:30",
        ["Parley:Messages:MaxTextBytes"] = "1000",
        ["Parley:Auth:MinPasswordLength"] = "12",
        ["Parley:Files:MaxFileSize"] = "1048576",
        ["Parley:Files:AllowedExtensions:0"] = "pdf",
        ["Parley:Compliance:Watermark"] = "true",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Get_SignedIn_ReturnsTheConfiguredValues_NotTheDefaults()
    {
        var alice = await _server.UserAsync();
        var config = await alice.Ok<ClientConfigDto>(alice.Http.GetAsync("/api/v1/config"));
        Assert.True(config.Messages is not null, "a signed-in user gets the messages section");
        Assert.Equal(330, config.Messages.RecallWindowSeconds);
        Assert.Equal(1000, config.Messages.MaxTextBytes);
        Assert.Equal(12, config.Auth.MinPasswordLength);
        Assert.Equal(1048576, config.Files?.MaxFileSize);
        Assert.Equal(["pdf"], config.Files?.AllowedExtensions ?? []);
        Assert.Contains("exe", config.Files?.BlockedExtensions ?? []);
        Assert.Equal(new FeaturesDto(Files: true, Search: true, Planner: true, Watermark: true), config.Features);
    }

    [Fact]
    public async Task Get_Anonymous_ReturnsOnlyThePasswordPolicy()
    {
        using var anon = _server.Client();
        using var res = await anon.GetAsync("/api/v1/config");
        Assert.True(res.IsSuccessStatusCode, $"the first-run screen reads the password policy before sign-in; got {(int)res.StatusCode}");
        var config = (await res.Content.ReadFromJsonAsync<ClientConfigDto>(Json.Options))!;
        Assert.Equal(12, config.Auth.MinPasswordLength);
        Assert.True(config.Messages is null && config.Files is null && config.Features is null,
            "limits and features are for signed-in users only");
    }
}
