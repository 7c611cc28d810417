using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

public class UploadTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Files:ChunkSize"] = "65536" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Upload_SingleMultipart_RoundTripsBytesAndMetadata()
    {
        var alice = await _server.UserAsync();
        var content = FileClient.RandomBytes(700_000); // above Kestrel's 256 KiB JSON limit: the per-endpoint raise must work
        using var res = await alice.PostFile(content, "report.bin");
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var file = (await res.Content.ReadFromJsonAsync<FileDto>(Json.Options))!;
        Assert.Equal(("report.bin", 700_000L, "application/octet-stream"), (file.Name, file.Size, file.ContentType));
        Assert.Null(file.Width);
        Assert.Equal(content, await alice.DownloadAsync(file.Id));
    }

    [Fact]
    public async Task Download_Range_ReturnsPartialContent()
    {
        var alice = await _server.UserAsync();
        var content = FileClient.RandomBytes(10_000);
        var file = await alice.UploadAsync(content, "data.bin");

        using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/files/{file.Id}");
        req.Headers.Range = new RangeHeaderValue(100, 199);
        using var res = await alice.Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.PartialContent, res.StatusCode);
        Assert.Equal("bytes 100-199/10000", res.Content.Headers.ContentRange?.ToString());
        Assert.Equal(content[100..200], await res.Content.ReadAsByteArrayAsync());

        using var suffix = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/files/{file.Id}");
        suffix.Headers.Range = new RangeHeaderValue(null, 500);
        using var tail = await alice.Http.SendAsync(suffix);
        Assert.Equal(content[^500..], await tail.Content.ReadAsByteArrayAsync());

        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/files/{file.Id}");
        beyond.Headers.Range = new RangeHeaderValue(20_000, null);
        Assert.Equal((HttpStatusCode.RequestedRangeNotSatisfiable, "range_not_satisfiable"), await alice.StatusAsync(alice.Http.SendAsync(beyond)));
    }

    [Fact]
    public async Task Chunked_InterruptedMidChunk_ResumesFromServerOffsetAndCompletes()
    {
        var alice = await _server.UserAsync();
        var content = FileClient.RandomBytes(300_000, seed: 11);
        var upload = await alice.Ok<UploadDto>(alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("big.bin", content.Length, "application/octet-stream")));
        Assert.Equal((0L, 65536), (upload.Offset, upload.ChunkSize));

        // First chunk arrives whole.
        var offset = await PatchAsync(alice, upload.UploadId, content, 0, upload.ChunkSize);
        Assert.Equal(65536L, offset);

        // The next one dies after 30,000 of its 65,536 bytes: the connection drops mid-body.
        await Assert.ThrowsAnyAsync<Exception>(() => alice.Http.SendAsync(PatchRequest(upload.UploadId, offset, new DroppingContent(content.AsMemory((int)offset, 65536), 30_000))));

        // The client asks where to resume; whatever arrived is kept (never more than was sent).
        var resumed = await StableOffsetAsync(alice, upload.UploadId);
        Assert.InRange(resumed, 65536L, 65536L + 30_000);
        while (resumed < content.Length)
            resumed = await PatchAsync(alice, upload.UploadId, content, resumed, upload.ChunkSize);

        var file = await alice.Ok<FileDto>(alice.Http.PostAsync($"/api/v1/uploads/{upload.UploadId}/complete", null));
        Assert.Equal(content.Length, file.Size);
        var downloaded = await alice.DownloadAsync(file.Id);
        Assert.True(SHA256.HashData(content).SequenceEqual(SHA256.HashData(downloaded)), "the resumed upload must be byte-identical");
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await alice.StatusAsync(alice.Http.GetAsync($"/api/v1/uploads/{upload.UploadId}")));
    }

    [Fact]
    public async Task Chunked_WrongOffsetOrEarlyComplete_AreConflicts()
    {
        var alice = await _server.UserAsync();
        var upload = await alice.Ok<UploadDto>(alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("a.bin", 1000, null)));
        Assert.Equal((HttpStatusCode.Conflict, "upload_offset_mismatch"),
            await alice.StatusAsync(alice.Http.SendAsync(PatchRequest(upload.UploadId, 10, new ByteArrayContent(new byte[10])))));
        Assert.Equal((HttpStatusCode.Conflict, "upload_incomplete"), await alice.StatusAsync(alice.Http.PostAsync($"/api/v1/uploads/{upload.UploadId}/complete", null)));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "file_too_large"),
            await alice.StatusAsync(alice.Http.SendAsync(PatchRequest(upload.UploadId, 0, new ByteArrayContent(new byte[1001])))));

        var bob = await _server.UserAsync();
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await bob.StatusAsync(bob.Http.GetAsync($"/api/v1/uploads/{upload.UploadId}")));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await bob.StatusAsync(bob.Http.SendAsync(PatchRequest(upload.UploadId, 0, new ByteArrayContent(new byte[10])))));

        using var cancel = await alice.Http.DeleteAsync($"/api/v1/uploads/{upload.UploadId}");
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal(0, FileClient.CountRows(_server, "uploads"));
    }

    private static HttpRequestMessage PatchRequest(string uploadId, long offset, HttpContent body)
    {
        body.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var req = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/uploads/{uploadId}") { Content = body };
        req.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return req;
    }

    private static async Task<long> PatchAsync(Session s, string uploadId, byte[] content, long offset, int chunkSize)
    {
        var n = (int)Math.Min(chunkSize, content.Length - offset);
        var dto = await s.Ok<UploadDto>(s.Http.SendAsync(PatchRequest(uploadId, offset, new ByteArrayContent(content, (int)offset, n))));
        Assert.Equal(offset + n, dto.Offset);
        return dto.Offset;
    }

    /// <summary>The server finishes its side of a dropped request a moment later; wait until the offset stops moving.</summary>
    private static async Task<long> StableOffsetAsync(Session s, string uploadId)
    {
        long last = -1;
        for (var i = 0; i < 50; i++)
        {
            var now = (await s.Ok<UploadDto>(s.Http.GetAsync($"/api/v1/uploads/{uploadId}"))).Offset;
            if (now == last) return now;
            last = now;
            await Task.Delay(100);
        }
        return last;
    }

    /// <summary>Declares the full length, sends part of it, then fails: what a dropped connection looks like to the server.</summary>
    private sealed class DroppingContent(ReadOnlyMemory<byte> data, int sendBeforeDrop) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(data[..sendBeforeDrop]);
            await stream.FlushAsync();
            await Task.Delay(200);
            throw new IOException("simulated network drop");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = data.Length;
            return true;
        }
    }
}
