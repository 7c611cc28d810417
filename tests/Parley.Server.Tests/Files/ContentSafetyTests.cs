using System.Net;
using System.Net.Http.Headers;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

public class ContentSafetyTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("page.html", "text/html", "application/octet-stream")]
    [InlineData("logo.svg", "image/svg+xml", "application/octet-stream")]
    [InlineData("fake.png", "image/png", "application/octet-stream")] // claims PNG, is not one
    [InlineData("notes.txt", "text/html", "text/plain; charset=utf-8")]
    [InlineData("doc.pdf", "application/pdf", "application/pdf")]
    [InlineData("noext", "text/html", "application/octet-stream")]
    public async Task Download_NeverServesActiveContent_AlwaysAttachmentWithNosniff(string name, string declared, string served)
    {
        var alice = await _server.UserAsync();
        var file = await alice.UploadAsync("<html><script>alert(document.cookie)</script></html>"u8.ToArray(), name, declared);
        Assert.Equal(served, file.ContentType);

        using var res = await alice.Http.GetAsync($"/api/v1/files/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(served, res.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", string.Join(",", res.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("attachment", res.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("sandbox", string.Join(",", res.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_NonAsciiName_UsesRfc6266FilenameStar()
    {
        var alice = await _server.UserAsync();
        // HttpClient refuses quotes in a plain filename, so send it only as RFC 5987 filename*.
        var part = new ByteArrayContent([1, 2]);
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = "季度报告 \"final\".pdf" };
        using var form = new MultipartFormDataContent { part };
        var file = await alice.Ok<FileDto>(alice.Http.PostAsync("/api/v1/files", form));
        using var res = await alice.Http.GetAsync($"/api/v1/files/{file.Id}");
        var raw = string.Join(",", res.Content.Headers.GetValues("Content-Disposition"));
        Assert.Contains("filename*=UTF-8''", raw, StringComparison.Ordinal);
        Assert.Equal("季度报告 _final_.pdf", res.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.DoesNotContain('\n', raw);
    }
}
