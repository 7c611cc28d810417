using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>HTTP details of file responses that clients, caches and proxies rely on (issue 13, item 14).</summary>
public class FileHttpSemanticsTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Download_UnsatisfiableRange_Is416WithContentRangeNamingTheSize()
    {
        var alice = await _server.UserAsync();
        var file = await alice.UploadAsync(FileClient.RandomBytes(10_000), "data.bin");

        using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/files/{file.Id}");
        req.Headers.Range = new RangeHeaderValue(20_000, null);
        using var res = await alice.Http.SendAsync(req);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, res.StatusCode);
        // RFC 9110 §15.5.17: a 416 names the current length, so a client can correct its range without another request.
        Assert.True(res.Content.Headers.ContentRange?.ToString() == "bytes */10000",
            $"416 must carry 'Content-Range: bytes */10000' but had '{res.Content.Headers.ContentRange}' (the exception handler cleared the header)");
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Head_FileThumbnailAndUpload_AnswerLikeGetWithoutABody()
    {
        var alice = await _server.UserAsync();
        var file = await alice.UploadAsync(FileClient.Image(400, 300), "pic.png", "image/png");

        using var get = await alice.Http.GetAsync($"/api/v1/files/{file.Id}");
        using var head = await alice.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/files/{file.Id}"));
        Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD /files/{{id}} answered {(int)head.StatusCode}; it must answer like GET");
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal("bytes", string.Join(",", head.Headers.AcceptRanges));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        using var thumb = await alice.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/files/{file.Id}/thumbnail"));
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.Equal("image/png", thumb.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await thumb.Content.ReadAsByteArrayAsync());

        var upload = await alice.Ok<UploadDto>(alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("big.bin", 1000, null)));
        using var offset = await alice.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/uploads/{upload.UploadId}"));
        Assert.Equal(HttpStatusCode.OK, offset.StatusCode);
        Assert.Equal("0", offset.Headers.GetValues("Upload-Offset").Single());

        // HEAD keeps the authorization of GET: another user learns nothing, not even that the file exists.
        var mallory = await _server.UserAsync();
        using var denied = await mallory.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/v1/files/{file.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
    }
}
