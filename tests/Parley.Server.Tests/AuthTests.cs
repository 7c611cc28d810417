using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

public class AuthTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Setup_OnlyWhileNoUserExists_ThenConflict()
    {
        using var anon = _server.Client();
        Assert.True((await anon.GetFromJsonAsync<SetupStatus>("/api/v1/setup"))!.Needed);
        var first = await anon.PostAsJsonAsync("/api/v1/setup", new SetupRequest("root", TestServer.AdminPassword, "Root"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var login = (await first.Content.ReadFromJsonAsync<LoginResponse>())!;
        Assert.True(login.User.IsAdmin);
        Assert.False((await anon.GetFromJsonAsync<SetupStatus>("/api/v1/setup"))!.Needed);

        var s = new Session(_server, login.User, login.Token);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.SetupDone),
            await s.StatusAsync(anon.PostAsJsonAsync("/api/v1/setup", new SetupRequest("evil", TestServer.AdminPassword, null))));
    }

    private sealed record SetupStatus(bool Needed);

    /// <summary>Sessions used at the same moment are recorded by one coalesced write: each of them must move.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task Session_LastSeenAt_FollowsUse(int users)
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Auth:LastSeenGranularity"] = "00:00:00.2" });
        var sessions = new List<Session>();
        for (var i = 0; i < users; i++) sessions.Add(await server.UserAsync());
        async Task<long> LastSeenAsync(Session s) =>
            (await s.Ok<ListResponse<SessionDto>>(s.Http.GetAsync("/api/v1/auth/sessions"))).Items.Single().LastSeenAt.ToUnixTimeMilliseconds();
        var before = new List<long>();
        foreach (var s in sessions) before.Add(await LastSeenAsync(s));
        await Task.Delay(400);
        foreach (var response in await Task.WhenAll(sessions.Select(s => s.Http.GetAsync("/api/v1/users/me")))) response.EnsureSuccessStatusCode();
        for (var i = 0; i < users; i++)
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            long after;
            do
            {
                await Task.Delay(100);
                after = await LastSeenAsync(sessions[i]);
            }
            while (after <= before[i] && DateTime.UtcNow < deadline);
            Assert.True(after > before[i], $"lastSeenAt of user {i + 1} of {users} never moved while the session was used");
        }
    }

    [Fact]
    public async Task Login_UnknownUser_SameErrorAsWrongPassword()
    {
        var s = await _server.AdminAsync();
        using var anon = _server.Client();
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials),
            await s.StatusAsync(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("nobody", "whatever-password"))));
    }

    [Fact]
    public async Task Logout_TokenStopsWorkingAtOnce()
    {
        var carol = await _server.UserAsync();
        Assert.Equal(HttpStatusCode.OK, (await carol.Http.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await carol.Http.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated), await carol.StatusAsync(carol.Http.GetAsync("/api/v1/users/me")));
    }

    [Fact]
    public async Task Sessions_ListAndRevokeAnother()
    {
        var dave = await _server.UserAsync("dave");
        using var anon = _server.Client();
        var second = (await (await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("dave", TestServer.UserPassword))).Content.ReadFromJsonAsync<LoginResponse>())!;
        var sessions = (await dave.Ok<ListResponse<SessionDto>>(dave.Http.GetAsync("/api/v1/auth/sessions"))).Items;
        Assert.Equal(2, sessions.Count);
        Assert.Single(sessions, s => s.Current);
        Assert.Equal(HttpStatusCode.NoContent, (await dave.Http.DeleteAsync($"/api/v1/auth/sessions/{second.SessionId}")).StatusCode);
        using var other = _server.Client(second.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/users/me")).StatusCode);

        var eve = await _server.UserAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await eve.Http.DeleteAsync($"/api/v1/auth/sessions/{dave.Token.Length}")).StatusCode);
    }

    [Fact]
    public async Task Tokens_AreStoredOnlyAsHashes()
    {
        var frank = await _server.UserAsync();
        var token = System.Text.Encoding.UTF8.GetBytes(frank.Token);
        if (TestDatabase.IsPostgres)
        {
            // Every column of every session row, as text: the token must not be among them.
            await using var c = await _server.Database.OpenDirectAsync();
            var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT string_agg(s::text, '|') FROM sessions s";
            var rows = (string)(await cmd.ExecuteScalarAsync())!;
            Assert.Contains("\\x", rows); // the hashes are there (bytea), so the query saw the rows
            Assert.DoesNotContain(frank.Token, rows);
            return;
        }
        var dbBytes = await File.ReadAllBytesAsync(Path.Combine(_server.DataDirectory, "parley.db"));
        var walPath = Path.Combine(_server.DataDirectory, "parley.db-wal");
        var walBytes = File.Exists(walPath) ? await File.ReadAllBytesAsync(walPath) : [];
        Assert.False(dbBytes.AsSpan().IndexOf(token) >= 0 || walBytes.AsSpan().IndexOf(token) >= 0, "the raw bearer token must never be written to the database");
    }

    [Fact]
    public async Task AdminUserManagement_CreateDeactivateReset_NonAdminForbidden()
    {
        var admin = await _server.AdminAsync();
        var grace = await _server.UserAsync("grace");
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden),
            await grace.StatusAsync(grace.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest("x1", "password-x1", null))));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict),
            await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest("GRACE", "password-x1", null))));

        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{grace.Id}", new UpdateUserRequest(null, false, null)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await grace.Http.GetAsync("/api/v1/users/me")).StatusCode);
        using var anon = _server.Client();
        // A deactivated account answers like a wrong password: the right one must not be confirmed (issue 13).
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials),
            await admin.StatusAsync(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("grace", TestServer.UserPassword))));

        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{grace.Id}", new UpdateUserRequest(null, true, null)));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PutAsJsonAsync($"/api/v1/users/{grace.Id}/password", new ResetPasswordRequest("brand-new-pass"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("grace", "brand-new-pass"))).StatusCode);
    }

    [Fact]
    public async Task ChangeOwnPassword_KeepsThisSession_EndsOthers()
    {
        var heidi = await _server.UserAsync("heidi");
        using var anon = _server.Client();
        var other = (await (await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("heidi", TestServer.UserPassword))).Content.ReadFromJsonAsync<LoginResponse>())!;
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.InvalidCredentials),
            await heidi.StatusAsync(heidi.Http.PutAsJsonAsync("/api/v1/users/me/password", new ChangePasswordRequest("nope", "another-pass"))));
        Assert.Equal(HttpStatusCode.NoContent, (await heidi.Http.PutAsJsonAsync("/api/v1/users/me/password", new ChangePasswordRequest(TestServer.UserPassword, "another-pass"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await heidi.Http.GetAsync("/api/v1/users/me")).StatusCode);
        using var otherClient = _server.Client(other.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherClient.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task LoginRateLimit_PerAddress_429WithRetryAfter()
    {
        await using var strict = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Auth:LoginAttemptsPerMinute"] = "3" });
        using var anon = strict.Client();
        HttpResponseMessage? last = null;
        await RateWindows.ClearOfMinuteBoundaryAsync();
        for (var i = 0; i < 4; i++) last = await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("x", "y-password"));
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
    }
}
