using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// The web client's page carries its security headers wherever it is served from (`/`, `/index.html`, a client route),
/// and the frame-ancestors setting is validated at start-up. Issue 13, item 9. The browser side (the client works under
/// this policy, a foreign frame is refused) is web/e2e/security/csp.spec.mjs.
/// </summary>
[Collection("processes")]
public sealed class WebPageHeadersTests : IAsyncLifetime
{
    private readonly string _webRoot = Path.Combine(Path.GetTempPath(), "parley-tests", "web-" + Guid.NewGuid().ToString("N"));
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_webRoot, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "index.html"), "<!doctype html><title>Parley</title><script type=\"module\" src=\"/assets/app.js\"></script>");
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "assets", "app.js"), "export {};");
        _server = await TestServer.StartAsync(webRoot: _webRoot);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_webRoot, recursive: true);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/c/42")]
    public async Task Page_CarriesStrictCspReferrerPolicyAndFrameDenial(string path)
    {
        using var anon = _server.Client();
        using var res = await anon.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Contains("<title>Parley</title>", await res.Content.ReadAsStringAsync());

        var csp = Directives(Header(res, "Content-Security-Policy"));
        Assert.True(csp.Count > 0, $"{path}: the page had no Content-Security-Policy, so any injected script or foreign frame would run");
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'self'", csp["style-src"]);
        Assert.Equal("'self' data: blob:", csp["img-src"]);
        Assert.Equal("'self'", csp["connect-src"]);
        Assert.Equal("'none'", csp["base-uri"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.DoesNotContain(csp.Values, v => v.Contains("unsafe-", StringComparison.Ordinal) || v.Split(' ').Contains("*") || v.Split(' ').Contains("https:"));
        Assert.Equal("DENY", Header(res, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(res, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(res, "X-Content-Type-Options"));
        Assert.Equal("no-cache", res.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Assets_AreNotPages_NoPolicyButNosniffAndLongCache()
    {
        using var anon = _server.Client();
        using var res = await anon.GetAsync("/assets/app.js");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("nosniff", Header(res, "X-Content-Type-Options"));
        Assert.Contains("immutable", res.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task FrameAncestors_Configured_IsSentAndXFrameOptionsIsLeftToIt()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Web:FrameAncestors"] = "'self'  https://portal.example.com" }, _webRoot);
        using var anon = server.Client();
        using var res = await anon.GetAsync("/");
        Assert.Equal("'self' https://portal.example.com", Directives(Header(res, "Content-Security-Policy"))["frame-ancestors"]);
        Assert.False(res.Headers.Contains("X-Frame-Options"), "X-Frame-Options cannot name an origin: DENY or SAMEORIGIN would refuse the configured portal in browsers that honour both");
    }

    [Fact]
    public async Task Page_WithJanusSfu_MayConnectToTheSfuOriginOnly()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Calls:Janus:Url"] = "http://10.0.0.5:8088/janus",
            ["Parley:Calls:Janus:ClientUrl"] = "https://sfu.example.com/janus",
        }, _webRoot);
        using var anon = server.Client();
        using var res = await anon.GetAsync("/");
        Assert.True(Directives(Header(res, "Content-Security-Policy"))["connect-src"] == "'self' https://sfu.example.com",
            "a group call's browser talks to Janus at ClientUrl: its origin (not the internal Url, not a path) must be the one addition to connect-src");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https:")]
    [InlineData("'none' https://portal.example.com")]
    [InlineData("https://portal.example.com; script-src *")]
    [InlineData("https://portal.example.com/path")]
    [InlineData("'unsafe-inline'")]
    public async Task FrameAncestors_Invalid_FailsStartupNamingTheSetting(string value)
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", "start-" + Guid.NewGuid().ToString("N"));
        var (exit, stdout, stderr) = await ParleyCommand.RunAsync("--urls", "http://127.0.0.1:0", "--data", data, $"--Parley:Web:FrameAncestors={value}");
        Assert.NotEqual(0, exit);
        Assert.Contains("Parley:Web:FrameAncestors", stderr + stdout);
    }

    private static string Header(HttpResponseMessage res, string name) =>
        res.Headers.TryGetValues(name, out var values) || res.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";

    private static Dictionary<string, string> Directives(string csp) =>
        csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}
