using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;
using SkiaSharp;

namespace Parley.Server.Tests.Files;

public class ImageTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Files:MaxImagePixels"] = "25000000" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(1200, 800, 320, 213, "image/png")]
    [InlineData(300, 1000, 96, 320, "image/png")]
    [InlineData(100, 50, 100, 50, "image/png")]
    public async Task Png_GetsDimensionsAndBoundedThumbnail(int width, int height, int thumbW, int thumbH, string thumbType)
    {
        var alice = await _server.UserAsync();
        var file = await alice.UploadAsync(FileClient.Image(width, height), "picture.png", "image/png");
        Assert.Equal(("image/png", width, height, true), (file.ContentType, file.Width, file.Height, file.HasThumbnail));

        using var res = await alice.Http.GetAsync($"/api/v1/files/{file.Id}/thumbnail");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(thumbType, res.Content.Headers.ContentType!.MediaType);
        using var thumb = SKBitmap.Decode(await res.Content.ReadAsByteArrayAsync());
        Assert.Equal((thumbW, thumbH), (thumb.Width, thumb.Height));
    }

    [Fact]
    public async Task Jpeg_IsDetectedByContent_NotByName_ThumbnailIsJpeg()
    {
        var alice = await _server.UserAsync();
        var file = await alice.UploadAsync(FileClient.Image(640, 480, SKEncodedImageFormat.Jpeg), "photo.dat", "application/octet-stream");
        Assert.Equal(("image/jpeg", 640, 480), (file.ContentType, file.Width, file.Height));
        using var res = await alice.Http.GetAsync($"/api/v1/files/{file.Id}/thumbnail");
        Assert.Equal("image/jpeg", res.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task NonImage_HasNoThumbnail()
    {
        var alice = await _server.UserAsync();
        var file = await alice.UploadAsync([1, 2, 3], "a.bin");
        Assert.False(file.HasThumbnail);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await alice.StatusAsync(alice.Http.GetAsync($"/api/v1/files/{file.Id}/thumbnail")));
    }

    [Fact]
    public async Task DecompressionBomb_ClaimingHugeDimensions_IsRefusedWithoutARow()
    {
        var alice = await _server.UserAsync();
        var bomb = PngHeaderOnly(50_000, 50_000); // 2.5 gigapixels announced by a 60-byte file
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "image_too_large"), await alice.StatusAsync(alice.PostFile(bomb, "bomb.png", "image/png")));
        Assert.Equal(0, FileClient.CountRows(_server, "files"));
    }

    [Fact]
    public async Task DecompressionBomb_ViaResumableUpload_IsRefusedAtComplete_AndTheUploadIsGone()
    {
        var alice = await _server.UserAsync();
        var bomb = PngHeaderOnly(50_000, 50_000);
        var upload = await alice.Ok<UploadDto>(alice.Http.PostAsJsonAsync("/api/v1/uploads", new CreateUploadRequest("bomb.png", bomb.Length, "image/png")));
        using var req = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/uploads/{upload.UploadId}") { Content = new ByteArrayContent(bomb) };
        req.Headers.Add("Upload-Offset", "0");
        await alice.Ok<UploadDto>(alice.Http.SendAsync(req));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "image_too_large"), await alice.StatusAsync(alice.Http.PostAsync($"/api/v1/uploads/{upload.UploadId}/complete", null)));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), await alice.StatusAsync(alice.Http.GetAsync($"/api/v1/uploads/{upload.UploadId}")));
        Assert.Equal((0L, 0L), (FileClient.CountRows(_server, "files"), FileClient.CountRows(_server, "uploads")));
    }

    /// <summary>A PNG signature, an IHDR with the given size (valid CRC) and an empty IEND: enough for a header read.</summary>
    internal static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        using var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(ms, "IHDR", ihdr);
        Chunk(ms, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(len, Crc32(typed));
        s.Write(len);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
