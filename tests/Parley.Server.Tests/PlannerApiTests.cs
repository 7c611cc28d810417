using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

public class PlannerApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Plan_SampleScenario_ReturnsSnakeCaseComparisonForEveryOption()
    {
        var s = await _server.UserAsync();
        var names = await s.Ok<string[]>(s.Http.GetAsync("/api/v1/planner/samples"));
        Assert.Contains("company-1000-cny", names);
        var sample = await s.Http.GetStringAsync("/api/v1/planner/samples/company-1000-cny");
        var res = await s.Http.PostAsync("/api/v1/planner/plan", new StringContent(sample, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        var options = doc.RootElement.GetProperty("options");
        using var input = JsonDocument.Parse(sample);
        Assert.Equal(input.RootElement.GetProperty("options").GetArrayLength(), options.GetArrayLength());
        Assert.True(doc.RootElement.TryGetProperty("capacity_profile", out _), "the report states which capacity profile sized the hardware");
    }

    [Fact]
    public async Task Plan_InvalidScenario_400ProblemNamingPointers()
    {
        var s = await _server.UserAsync();
        var res = await s.Http.PostAsync("/api/v1/planner/plan", new StringContent("{\"meta\": 5}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.ValidationFailed, doc.RootElement.GetProperty("code").GetString());
        var pointers = doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/meta", pointers);
        Assert.Contains("/options", pointers);

        var broken = await s.Http.PostAsync("/api/v1/planner/plan", new StringContent("{", Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.InvalidJson), await s.StatusAsync(Task.FromResult(broken)));
    }

    [Fact]
    public async Task Catalog_EveryEntryHasProvenance()
    {
        var s = await _server.UserAsync();
        using var doc = JsonDocument.Parse(await s.Http.GetStringAsync("/api/v1/planner/catalog"));
        var entries = doc.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            foreach (var field in new[] { "id", "currency", "as_of", "source_id", "confidence" })
                Assert.True(e.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null, $"catalog entry {e} lacks {field}");
        });
    }

    [Fact]
    public async Task Planner_WithoutSignIn_401UnlessAllowAnonymous()
    {
        var anonymous = _server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/planner/samples")).StatusCode);
        using var config = JsonDocument.Parse(await anonymous.GetStringAsync("/api/v1/config"));
        Assert.False(config.RootElement.GetProperty("auth").GetProperty("plannerWithoutSignIn").GetBoolean());
    }

    [Fact]
    public async Task Planner_AllowAnonymous_OpenToVisitors_LimitedPerAddress()
    {
        await using var open = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Planner:AllowAnonymous"] = "true",
            ["Parley:Planner:AnonymousPlansPerMinute"] = "2",
        });
        var visitor = open.Client();
        using var config = JsonDocument.Parse(await visitor.GetStringAsync("/api/v1/config"));
        Assert.True(config.RootElement.GetProperty("auth").GetProperty("plannerWithoutSignIn").GetBoolean(), "the client learns that the planner is open");
        Assert.Contains("company-1000-cny", await visitor.GetFromJsonAsync<string[]>("/api/v1/planner/samples") ?? []);
        await RateWindows.ClearOfMinuteBoundaryAsync();
        var sample = await visitor.GetStringAsync("/api/v1/planner/samples/company-1000-cny");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync("/api/v1/planner/plan", new StringContent(sample, Encoding.UTF8, "application/json"))).StatusCode);
        var third = await visitor.PostAsync("/api/v1/planner/plan", new StringContent(sample, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        using var problem = JsonDocument.Parse(await third.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.RateLimited, problem.RootElement.GetProperty("code").GetString());
        // Signed-in users are not counted against the visitors' limit; the rest of the API stays closed.
        var user = await open.UserAsync();
        Assert.Equal(HttpStatusCode.OK, (await user.Http.PostAsync("/api/v1/planner/plan", new StringContent(sample, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync("/api/v1/conversations")).StatusCode);
    }
}
