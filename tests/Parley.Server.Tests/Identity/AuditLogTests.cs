using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Identity;

/// <summary>The audit log reads the system stream: dotted actions, filters, paging, CSV, and refused sign-ins bounded.</summary>
public class AuditLogTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Auth:AuditedLoginFailuresPerMinute"] = "3",
        ["Parley:Auth:LoginFailuresPerAddress"] = "100",
    });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<HttpResponseMessage> Login(HttpClient c, string user, string password) =>
        c.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(user, password));

    [Fact]
    public async Task Lifecycle_AppearsWithDottedActions_ActorTargetAndIp()
    {
        var admin = await _server.AdminAsync();
        var bob = await _server.UserAsync("bob");
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{bob.Id}", new UpdateUserRequest(null, null, null, [Roles.Auditor])));
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{bob.Id}", new UpdateUserRequest(null, false, null)));

        var page = await admin.Ok<AuditPage>(admin.Http.GetAsync($"/api/v1/audit?targetId={bob.Id}"));
        Assert.Equal(["user.deactivated", "user.role_changed", "auth.login", "user.created"], page.Items.Select(e => e.Action));
        var created = page.Items[^1];
        Assert.Equal((admin.Id, "admin", "user", bob.Id, "127.0.0.1"), (created.ActorId, created.ActorUsername, created.TargetType, created.TargetId, created.Ip));
        Assert.Equal("bob", created.Details!.Value.GetProperty("username").GetString());

        var byAction = await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=user.role_changed"));
        Assert.All(byAction.Items, e => Assert.Equal("user.role_changed", e.Action));
        Assert.Single(byAction.Items);
        var byPrefix = await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=auth.*"));
        Assert.All(byPrefix.Items, e => Assert.StartsWith("auth.", e.Action));
        Assert.Equal(2, byPrefix.Items.Count); // admin's setup sign-in and bob's
        var byActor = await admin.Ok<AuditPage>(admin.Http.GetAsync($"/api/v1/audit?actorId={admin.Id}"));
        Assert.All(byActor.Items, e => Assert.Equal(admin.Id, e.ActorId));
    }

    [Fact]
    public async Task Paging_ByBefore_WalksEveryEntryOnce()
    {
        var admin = await _server.AdminAsync();
        for (var i = 0; i < 5; i++) await _server.UserAsync();
        var all = (await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?limit=200"))).Items.Select(e => e.Id).ToList();
        var walked = new List<long>();
        long? before = null;
        do
        {
            var page = await admin.Ok<AuditPage>(admin.Http.GetAsync($"/api/v1/audit?limit=3{(before is null ? "" : $"&before={before}")}"));
            walked.AddRange(page.Items.Select(e => e.Id));
            before = page.NextBefore;
        } while (before is not null);
        Assert.Equal(all, walked);
        Assert.Equal(all.OrderDescending(), all);
    }

    [Fact]
    public async Task Member_Is403_Auditor_Reads_AndNoRouteEditsTheLog()
    {
        var admin = await _server.AdminAsync();
        var member = await _server.UserAsync();
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), await member.StatusAsync(member.Http.GetAsync("/api/v1/audit")));
        var auditorUser = await _server.UserAsync("auditor1");
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{auditorUser.Id}", new UpdateUserRequest(null, null, null, [Roles.Auditor])));
        using var anon = _server.Client();
        var login = await admin.Ok<LoginResponse>(Login(anon, "auditor1", TestServer.UserPassword));
        var auditor = new Session(_server, login.User, login.Token);
        var entries = (await auditor.Ok<AuditPage>(auditor.Http.GetAsync("/api/v1/audit"))).Items;
        Assert.NotEmpty(entries);
        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Post })
        {
            using var res = await admin.Http.SendAsync(new HttpRequestMessage(method, $"/api/v1/audit/{entries[0].Id}"));
            Assert.True(res.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{method} on an audit entry answered {res.StatusCode}");
        }
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await admin.StatusAsync(admin.Http.GetAsync("/api/v1/audit?action=DROP%20TABLE")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await admin.StatusAsync(admin.Http.GetAsync("/api/v1/audit?limit=100000")));
        Assert.Empty((await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=nothing.here"))).Items); // an empty answer, not a 500
    }

    [Fact]
    public async Task FailedLogins_AreRecorded_ButBoundedPerMinute_WithTheRestCounted()
    {
        var admin = await _server.AdminAsync();
        var carol = await _server.UserAsync("carol");
        using var anon = _server.Client();
        await RateWindows.ClearOfMinuteBoundaryAsync();
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await Login(anon, i % 2 == 0 ? "carol" : "nobody" + i, "wrong-password-x")).StatusCode);
        var failed = (await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=auth.login_failed"))).Items;
        Assert.True(failed.Count == 3, $"the per-minute cap is 3, found {failed.Count} entries");
        var forCarol = failed[^1];
        Assert.Equal((carol.Id, "carol", "invalid_credentials"), (forCarol.TargetId, forCarol.Details!.Value.GetProperty("username").GetString(), forCarol.Details.Value.GetProperty("reason").GetString()));
        Assert.Null(forCarol.ActorId);
        Assert.Equal("127.0.0.1", forCarol.Ip);
        Assert.DoesNotContain(failed, e => e.Details!.Value.ToString().Contains("wrong-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CsvExport_QuotesAndDefusesFormulas_AndIsItselfAudited()
    {
        var admin = await _server.AdminAsync();
        await admin.Ok<UserDto>(admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest("-csv-user", TestServer.UserPassword, null)));
        using var res = await admin.Http.GetAsync("/api/v1/audit/export.csv?action=user.created");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("text/csv", res.Content.Headers.ContentType!.MediaType);
        var csv = await res.Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at,actorId,actorUsername,action,targetType,targetId,ip,via,details", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains(",user.created,user,", lines[1]);
        Assert.Contains("\"{\"\"username\"\":\"\"-csv-user\"\"", lines[1]); // JSON with commas: quoted, quotes doubled
        var line = Server.Features.Audit.AuditCsv.Line(new AuditEntryDto(1, DateTimeOffset.UnixEpoch, 2, "=cmd|' /C calc'!A0", "user.created", "user", 3, "@1.2.3.4", null, "api"));
        Assert.Equal("1,1970-01-01T00:00:00.000Z,2,'=cmd|' /C calc'!A0,user.created,user,3,'@1.2.3.4,api,\r\n", line);
        var exported = (await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=audit.exported"))).Items;
        Assert.Equal(admin.Id, Assert.Single(exported).ActorId);
    }
}
