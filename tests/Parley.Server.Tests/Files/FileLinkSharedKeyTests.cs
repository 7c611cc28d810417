using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Features.Files;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>In cluster mode every node must sign file links with the same key: the first node stores one in the database, the rest read it.</summary>
public class FileLinkSharedKeyTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SharedKey_IsCreatedOnce_AndEveryCallerGetsTheSameOne()
    {
        var database = _server.Services.GetRequiredService<Database>();
        var first = FileLinkKey.LoadOrCreateShared(database);
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => FileLinkKey.LoadOrCreateShared(database))));
        Assert.Equal(32, first.Length);
        Assert.All(again, k => Assert.Equal(first, k));
    }
}
