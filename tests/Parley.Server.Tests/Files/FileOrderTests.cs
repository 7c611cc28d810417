using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>A message lists its files in the order the sender attached them, wherever it is read.</summary>
public class FileOrderTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Files_KeepTheAttachedOrder_NotTheUploadOrder()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "order", bob.Id);
        var first = await alice.UploadAsync([1], "first.bin");
        var second = await alice.UploadAsync([2], "second.bin");
        var third = await alice.UploadAsync([3], "third.bin");
        long[] attached = [third.Id, first.Id, second.Id];

        var sent = await alice.SendFilesAsync(group.Id, "three files", attached);
        Assert.Equal(attached, sent.Files!.Select(f => f.Id));
        Assert.Equal(attached, (await bob.MessagesAsync(group.Id)).Single(m => m.Id == sent.Id).Files!.Select(f => f.Id));
    }
}
