using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>Issue 20: forwarding a message forwards its files, readable by the new audience only through the forward.</summary>
public class ForwardFilesTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Forward_MessageWithFiles_NewAudienceReadsTheCopies_OriginalStaysClosed()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var carol = await _server.UserAsync();
        var source = await alice.CreateAsync(ConversationKinds.Group, "design", bob.Id);
        var elsewhere = await bob.CreateAsync(ConversationKinds.Group, "team", carol.Id);
        var bytes = FileClient.RandomBytes(5000);
        var file = await alice.UploadAsync(bytes, "spec.bin");
        var original = await alice.SendFilesAsync(source.Id, "", file.Id);

        var forwarded = await bob.Ok<MessageDto>(bob.Http.PostAsJsonAsync($"/api/v1/messages/{original.Id}/forward", new ForwardMessageRequest(elsewhere.Id, "fw-1", "FYI")));

        var copy = Assert.Single(forwarded.Files ?? []);
        Assert.NotEqual(file.Id, copy.Id);
        Assert.Equal("spec.bin", copy.Name);
        Assert.Equal(bytes, await carol.DownloadAsync(copy.Id));
        // Carol reads the file through the forward only: the original stays in a conversation she is not in.
        Assert.Equal(HttpStatusCode.NotFound, (await carol.Http.GetAsync($"/api/v1/files/{file.Id}")).StatusCode);
        // The forward keeps its files when the original message is deleted.
        Assert.True((await alice.Http.DeleteAsync($"/api/v1/messages/{original.Id}")).IsSuccessStatusCode);
        Assert.Equal(bytes, await carol.DownloadAsync(copy.Id));
    }

    [Fact]
    public async Task Forward_IntoAConversationNotJoined_404_AndNoCopyMade()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var source = await alice.CreateAsync(ConversationKinds.Group, "design", bob.Id);
        var closed = await alice.CreateAsync(ConversationKinds.Group, "closed");
        var file = await alice.UploadAsync(FileClient.RandomBytes(100), "a.bin");
        var original = await alice.SendFilesAsync(source.Id, "x", file.Id);
        var before = FileClient.CountRows(_server, "files");

        var res = await bob.Http.PostAsJsonAsync($"/api/v1/messages/{original.Id}/forward", new ForwardMessageRequest(closed.Id, null, null));

        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Equal(before, FileClient.CountRows(_server, "files"));
    }
}
