using System.Net.Http.Headers;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;
using SkiaSharp;

namespace Parley.Server.Tests.Files;

/// <summary>Upload helpers shared by the file tests.</summary>
internal static class FileClient
{
    public static HttpContent Multipart(byte[] content, string fileName, string contentType = "application/octet-stream", string field = "file")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(part, field, fileName);
        return form;
    }

    public static Task<HttpResponseMessage> PostFile(this Session s, byte[] content, string fileName, string contentType = "application/octet-stream") =>
        s.Http.PostAsync("/api/v1/files", Multipart(content, fileName, contentType));

    public static Task<FileDto> UploadAsync(this Session s, byte[] content, string fileName, string contentType = "application/octet-stream") =>
        s.Ok<FileDto>(s.PostFile(content, fileName, contentType));

    public static Task<MessageDto> SendFilesAsync(this Session s, long conversationId, string? text, params long[] fileIds) =>
        s.Ok<MessageDto>(s.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new SendMessageRequest(text, null, null, null, fileIds)));

    public static async Task<byte[]> DownloadAsync(this Session s, long fileId)
    {
        using var res = await s.Http.GetAsync($"/api/v1/files/{fileId}");
        Assert.True(res.IsSuccessStatusCode, $"download of {fileId} gave {(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return await res.Content.ReadAsByteArrayAsync();
    }

    public static byte[] RandomBytes(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A real PNG (or JPEG) drawn with Skia: a gradient so the encoder cannot collapse it.</summary>
    public static byte[] Image(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, format == SKEncodedImageFormat.Png ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.Red, SKColors.Blue], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, width, height, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    public static long CountRows(TestServer server, string table)
    {
        using var c = server.Services.GetService(typeof(Parley.Server.Storage.Database)) is Parley.Server.Storage.Database db ? db.Open() : throw new InvalidOperationException();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM {table}";
        return (long)cmd.ExecuteScalar()!;
    }
}
