using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// Issue 22: the client's files go out as the build's Brotli/gzip copies with the right headers, and API JSON is
/// compressed except where a response carries a secret (BREACH). The real build's files are checked in the browser by
/// web/e2e/ui/compression.spec.mjs.
/// </summary>
[Collection("processes")]
public sealed class WebCompressionTests : IAsyncLifetime
{
    private static readonly string Script = "export const words = [" + string.Join(",", Enumerable.Range(0, 400).Select(i => $"\"word{i}\"")) + "];";
    private readonly string _webRoot = Path.Combine(Path.GetTempPath(), "parley-tests", "web-" + Guid.NewGuid().ToString("N"));
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_webRoot, "assets"));
        await WriteWithCopies("index.html", "<!doctype html><title>Parley</title><script type=\"module\" src=\"/assets/app-1a2b.js\"></script>" + new string(' ', 2000));
        await WriteWithCopies(Path.Combine("assets", "app-1a2b.js"), Script);
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "assets", "plain-3c4d.js"), "export {};");
        _server = await TestServer.StartAsync(webRoot: _webRoot);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_webRoot, recursive: true);
    }

    [Theory]
    [InlineData("br, gzip, deflate", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    public async Task Asset_AcceptedEncoding_ServesThatCopyAsJavaScript(string accept, string expected)
    {
        using var res = await Get("/assets/app-1a2b.js", accept);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal([expected], res.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", res.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", res.Headers.Vary);
        Assert.Contains("immutable", res.Headers.CacheControl?.ToString());
        Assert.Equal(Script, await Decode(res));
    }

    [Fact]
    public async Task Asset_NoAcceptEncoding_ServesOriginalWithVary()
    {
        using var res = await Get("/assets/app-1a2b.js", null);
        Assert.Empty(res.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", res.Headers.Vary);
        Assert.Equal(Script, await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Asset_WithoutCopies_ServedAsIs()
    {
        using var res = await Get("/assets/plain-3c4d.js", "br, gzip");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Empty(res.Content.Headers.ContentEncoding);
        Assert.Equal("export {};", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_Compressed_KeepsItsPolicyAndNoCache()
    {
        using var res = await Get("/", "br");
        Assert.Equal(["br"], res.Content.Headers.ContentEncoding);
        Assert.Equal("text/html", res.Content.Headers.ContentType?.MediaType);
        Assert.True(res.Headers.Contains("Content-Security-Policy"), "the compressed page lost its Content-Security-Policy");
        Assert.Equal("no-cache", res.Headers.CacheControl?.ToString());
        Assert.StartsWith("<!doctype html>", await Decode(res));
    }

    [Fact]
    public async Task ApiJson_Get_IsCompressed()
    {
        var admin = await _server.AdminAsync();
        for (var i = 0; i < 20; i++) await _server.UserAsync();
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users?limit=50");
        req.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var res = await admin.Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(["br"], res.Content.Headers.ContentEncoding);
        Assert.Contains("\"username\"", await Decode(res));
    }

    [Fact]
    public async Task SecretBearingResponses_AreNeverCompressed()
    {
        var admin = await _server.AdminAsync();
        var user = await _server.UserAsync();
        using var anon = _server.Client();
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new LoginRequest(user.User.Username, TestServer.UserPassword)) };
        login.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using var loginRes = await anon.SendAsync(login);
        Assert.Equal(HttpStatusCode.OK, loginRes.StatusCode);
        Assert.True(loginRes.Content.Headers.ContentEncoding.Count == 0, "the login response (a bearer token) was compressed: BREACH could recover the token from its length");

        foreach (var (method, path) in new[] { (HttpMethod.Post, "/api/v1/auth/hub-ticket"), (HttpMethod.Get, "/api/v1/auth/sessions") })
        {
            using var req = new HttpRequestMessage(method, path);
            req.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
            using var res = await admin.Http.SendAsync(req);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            Assert.True(res.Content.Headers.ContentEncoding.Count == 0, $"{method} {path} was compressed");
        }
    }

    private async Task<HttpResponseMessage> Get(string path, string? acceptEncoding)
    {
        using var client = _server.Client();
        using var req = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null) req.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await client.SendAsync(req);
    }

    private static async Task<string> Decode(HttpResponseMessage res)
    {
        await using var body = await res.Content.ReadAsStreamAsync();
        await using Stream decoded = res.Content.Headers.ContentEncoding.Single() switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            var other => throw new InvalidOperationException(other),
        };
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>What web/scripts/precompress.ts does at build time.</summary>
    private async Task WriteWithCopies(string relative, string text)
    {
        var path = Path.Combine(_webRoot, relative);
        var bytes = Encoding.UTF8.GetBytes(text);
        await File.WriteAllBytesAsync(path, bytes);
        await using (var br = new BrotliStream(File.Create(path + ".br"), CompressionLevel.SmallestSize)) await br.WriteAsync(bytes);
        await using (var gz = new GZipStream(File.Create(path + ".gz"), CompressionLevel.SmallestSize)) await gz.WriteAsync(bytes);
    }
}
