using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

public class OpenApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Document_DescribesEveryApiEndpoint()
    {
        using var anon = _server.Client();
        using var doc = JsonDocument.Parse(await anon.GetStringAsync("/openapi/v1.json"));
        Assert.Equal("Parley API", doc.RootElement.GetProperty("info").GetProperty("title").GetString());
        var documented = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {Normalize(p.Name)}"))
            .ToHashSet();
        var mapped = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var missing = mapped.Except(documented).Order().ToList();
        Assert.True(missing.Count == 0, "endpoints missing from the OpenAPI document:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// The web client's wire types are generated at build time from web/src/api/openapi.json (no server runs during the
    /// build). This keeps that snapshot equal to the live document, so a changed DTO fails here, not in a browser.
    /// </summary>
    [Fact]
    public async Task Document_EqualsTheWebClientSnapshot()
    {
        using var anon = _server.Client();
        var live = Canonical(await anon.GetStringAsync("/openapi/v1.json"));
        var path = SnapshotPath();
        if (Environment.GetEnvironmentVariable("PARLEY_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(path, live);
        var snapshot = File.Exists(path) ? Canonical(await File.ReadAllTextAsync(path)) : "";
        Assert.True(snapshot == live,
            $"{path} differs from the served /openapi/v1.json. If the API change is intended, run this test with " +
            "PARLEY_UPDATE_OPENAPI=1, then rebuild the web client (npm run build) so its generated types follow.");
    }

    /// <summary>Indented, without `servers` (the test's random port), in one stable spelling on every OS.</summary>
    private static string Canonical(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static string SnapshotPath() => Path.Combine(Repository.Root(), "web", "src", "api", "openapi.json");

    [Fact]
    public async Task ReferencePage_IsServed()
    {
        using var anon = _server.Client();
        var res = await anon.GetAsync("/api/reference/");
        Assert.True(res.IsSuccessStatusCode, $"reference page gave {(int)res.StatusCode}");
        Assert.Contains("openapi/v1.json", await res.Content.ReadAsStringAsync());
    }

    /// <summary>Route constraints ({id:long}) and trailing slashes differ between routing and OpenAPI; compare the shape.</summary>
    private static string Normalize(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern.TrimEnd('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");
}
