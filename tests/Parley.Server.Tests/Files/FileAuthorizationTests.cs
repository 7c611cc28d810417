using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Features.Files;
using Parley.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Server.Tests.Files;

public class FileAuthorizationTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Download_BeforeSend_OnlyUploader_AfterSend_OnlyMembers()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var eve = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "team", bob.Id);
        var file = await alice.UploadAsync("quarterly numbers"u8.ToArray(), "q3.txt", "text/plain");

        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await bob.StatusAsync(bob.Http.GetAsync($"/api/v1/files/{file.Id}")));

        var message = await alice.SendFilesAsync(group.Id, null, file.Id);
        Assert.Equal("", message.Text);
        Assert.Equal([file.Id], message.Files!.Select(f => f.Id));
        Assert.Equal(message.Id, message.Files![0].MessageId);

        Assert.Equal("quarterly numbers"u8.ToArray(), await bob.DownloadAsync(file.Id));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await eve.StatusAsync(eve.Http.GetAsync($"/api/v1/files/{file.Id}")));
        // Guessed neighbours of a real id look exactly like missing ones.
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await eve.StatusAsync(eve.Http.GetAsync($"/api/v1/files/{file.Id + 1}")));

        // History shows the attachment to members.
        var history = await bob.MessagesAsync(group.Id);
        Assert.Equal(file.Id, history.Single().Files!.Single().Id);

        // A member who leaves loses access, like to the message.
        using var left = await bob.Http.PostAsync($"/api/v1/conversations/{group.Id}/leave", null);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await bob.StatusAsync(bob.Http.GetAsync($"/api/v1/files/{file.Id}")));
    }

    [Fact]
    public async Task Send_WithSomeoneElsesOrAlreadySentFile_IsRefusedAndNothingIsSent()
    {
        var alice = await _server.UserAsync();
        var mallory = await _server.UserAsync();
        var group = await mallory.CreateAsync(ConversationKinds.Group, "mallory's", alice.Id);
        var aliceDm = await alice.CreateAsync(ConversationKinds.Group, "alice's");
        var file = await alice.UploadAsync([1, 2, 3], "private.bin");

        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), await mallory.StatusAsync(
            mallory.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("look", null, null, null, [file.Id]))));
        Assert.Empty(await mallory.MessagesAsync(group.Id));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await mallory.StatusAsync(mallory.Http.GetAsync($"/api/v1/files/{file.Id}")));

        await alice.SendFilesAsync(aliceDm.Id, "mine", file.Id);
        // Re-sending the same upload into another conversation would leak it there.
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), await alice.StatusAsync(
            alice.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("again", null, null, null, [file.Id]))));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), await alice.StatusAsync(
            alice.Http.PostAsJsonAsync($"/api/v1/conversations/{aliceDm.Id}/messages", new SendMessageRequest("", null, null, null, null))));
    }

    [Fact]
    public async Task FilesListing_MembersOnly_SearchableByName()
    {
        var alice = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "shared");
        var a = await alice.UploadAsync([1], "Budget 2026.xlsx");
        var b = await alice.UploadAsync([2], "holiday_photo.bin");
        var c = await alice.UploadAsync([3], "100%_done.txt");
        await alice.SendFilesAsync(group.Id, "files", a.Id, b.Id, c.Id);
        await alice.UploadAsync([4], "budget-unsent.txt"); // not sent: not listed

        var all = await alice.Ok<ListResponse<FileDto>>(alice.Http.GetAsync($"/api/v1/conversations/{group.Id}/files"));
        Assert.Equal([c.Id, b.Id, a.Id], all.Items.Select(f => f.Id));
        var budget = await alice.Ok<ListResponse<FileDto>>(alice.Http.GetAsync($"/api/v1/conversations/{group.Id}/files?query=budget"));
        Assert.Equal([a.Id], budget.Items.Select(f => f.Id));
        // LIKE wildcards in the query are literal.
        var percent = await alice.Ok<ListResponse<FileDto>>(alice.Http.GetAsync($"/api/v1/conversations/{group.Id}/files?query=%25_"));
        Assert.Equal([c.Id], percent.Items.Select(f => f.Id));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await outsider.StatusAsync(outsider.Http.GetAsync($"/api/v1/conversations/{group.Id}/files")));
    }

    [Fact]
    public async Task DeletingMessage_HidesFiles_AndJanitorPurgesBytes()
    {
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "g");
        var file = await alice.UploadAsync(FileClient.RandomBytes(5000), "gone.bin");
        var message = await alice.SendFilesAsync(group.Id, "bye", file.Id);
        var blobs = Directory.GetFiles(Path.Combine(_server.DataDirectory, "files"), "*", SearchOption.AllDirectories);
        Assert.Single(blobs);

        using var deleted = await alice.Http.DeleteAsync($"/api/v1/messages/{message.Id}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await alice.StatusAsync(alice.Http.GetAsync($"/api/v1/files/{file.Id}")));
        Assert.Empty((await alice.Ok<ListResponse<FileDto>>(alice.Http.GetAsync($"/api/v1/conversations/{group.Id}/files"))).Items);

        var (purged, _) = await _server.Services.GetRequiredService<FileJanitor>().RunOnceAsync();
        Assert.Equal(1, purged);
        Assert.Empty(Directory.GetFiles(Path.Combine(_server.DataDirectory, "files"), "*", SearchOption.AllDirectories));
        Assert.Equal(0, FileClient.CountRows(_server, "files"));
    }
}

public class FileOrphanTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Files:OrphanAfter"] = "00:00:01" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Janitor_RemovesUnsentUploadsAndAbandonedResumables_KeepsSentFiles()
    {
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "g");
        var sent = await alice.UploadAsync([1, 2], "kept.bin");
        await alice.SendFilesAsync(group.Id, "x", sent.Id);
        var orphan = await alice.UploadAsync([3, 4], "orphan.bin");
        await alice.Ok<UploadDto>(alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("half.bin", 100, null)));
        await Task.Delay(1200);

        var (files, uploads) = await _server.Services.GetRequiredService<FileJanitor>().RunOnceAsync();
        Assert.Equal((1, 1), (files, uploads));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await alice.StatusAsync(alice.Http.GetAsync($"/api/v1/files/{orphan.Id}")));
        Assert.Equal([1, 2], await alice.DownloadAsync(sent.Id));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), await alice.StatusAsync(
            alice.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new SendMessageRequest("late", null, null, null, [orphan.Id]))));
    }
}

public class FileKeepPolicyTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Files:OnMessageErased"] = "Keep" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RecalledMessage_WithKeepPolicy_HidesFileButRetainsBytes()
    {
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "g");
        var file = await alice.UploadAsync([9, 9, 9], "evidence.bin");
        var message = await alice.SendFilesAsync(group.Id, null, file.Id);
        using var recalled = await alice.Http.PostAsync($"/api/v1/messages/{message.Id}/recall", null);
        Assert.Equal(HttpStatusCode.OK, recalled.StatusCode);
        Assert.Empty((await alice.MessagesAsync(group.Id)).Single().Files!);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await alice.StatusAsync(alice.Http.GetAsync($"/api/v1/files/{file.Id}")));

        var (purged, _) = await _server.Services.GetRequiredService<FileJanitor>().RunOnceAsync();
        Assert.Equal(0, purged);
        Assert.Single(Directory.GetFiles(Path.Combine(_server.DataDirectory, "files"), "*", SearchOption.AllDirectories));
        Assert.Equal(1, FileClient.CountRows(_server, "files"));
    }
}
