using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>The same behaviour on every blob store: upload (single and resumable), ranged download, thumbnail, purge.</summary>
public abstract class StorageBackendTests : IAsyncLifetime
{
    protected TestServer Server { get; private set; } = null!;
    protected abstract Task<IDictionary<string, string?>> SettingsAsync();
    protected abstract int StoredObjects();
    protected virtual Task StopBackendAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync(await SettingsAsync());

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await StopBackendAsync();
    }

    [Fact]
    public async Task Backend_StoresServesAndPurges()
    {
        var alice = await Server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "g");
        var content = FileClient.RandomBytes(200_000, seed: 3);
        var single = await alice.UploadAsync(content, "one.bin");
        var image = await alice.UploadAsync(FileClient.Image(800, 600), "pic.png", "image/png");
        Assert.Equal(3, StoredObjects()); // file, image, thumbnail

        var upload = await alice.Ok<UploadDto>(alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("two.bin", content.Length, null)));
        for (var offset = 0; offset < content.Length; offset += upload.ChunkSize)
        {
            var body = new ByteArrayContent(content, offset, Math.Min(upload.ChunkSize, content.Length - offset));
            using var req = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/uploads/{upload.UploadId}") { Content = body };
            req.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await alice.Ok<UploadDto>(alice.Http.SendAsync(req));
        }
        var chunked = await alice.Ok<FileDto>(alice.Http.PostAsync($"/api/v1/uploads/{upload.UploadId}/complete", null));

        Assert.Equal(content, await alice.DownloadAsync(single.Id));
        Assert.Equal(content, await alice.DownloadAsync(chunked.Id));
        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/files/{chunked.Id}");
        ranged.Headers.Range = new RangeHeaderValue(150_000, 150_099);
        using var part = await alice.Http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(content[150_000..150_100], await part.Content.ReadAsByteArrayAsync());
        using var thumb = await alice.Http.GetAsync($"/api/v1/files/{image.Id}/thumbnail");
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);

        var message = await alice.SendFilesAsync(group.Id, null, single.Id, image.Id);
        using var recalled = await alice.Http.PostAsync($"/api/v1/messages/{message.Id}/recall", null);
        Assert.Equal(HttpStatusCode.OK, recalled.StatusCode);
        await Server.Services.GetRequiredService<FileJanitor>().RunOnceAsync();
        Assert.Equal(1, StoredObjects()); // only the chunked upload: never sent, but not yet an orphan
    }
}

public sealed class LocalStorageBackendTests : StorageBackendTests
{
    protected override Task<IDictionary<string, string?>> SettingsAsync() =>
        Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?> { ["Parley:Files:ChunkSize"] = "65536" });

    protected override int StoredObjects() =>
        Directory.GetFiles(Path.Combine(Server.DataDirectory, "files"), "*", SearchOption.AllDirectories).Length;
}

public sealed class S3StorageBackendTests : StorageBackendTests
{
    private readonly S3Server _s3 = new();

    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        await _s3.InitializeAsync();
        var settings = _s3.Settings();
        settings["Parley:Files:ChunkSize"] = "65536";
        return settings;
    }

    protected override int StoredObjects() => _s3.ObjectCount();

    protected override Task StopBackendAsync() => _s3.DisposeAsync();
}

public sealed class FilesConfigurationTests
{
    [Fact]
    public async Task UnknownProvider_FailsAtStartup_ListingValidOnes()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Files:Provider"] = "Dropbox" }));
        Assert.Contains("Local, S3", ex.Message, StringComparison.Ordinal);
    }
}
