using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Identity;

/// <summary>A password an administrator set must be replaced at the first sign-in; until then only that is allowed.</summary>
public class ForcedPasswordChangeTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CreatedWithMustChange_SignsIn_IsRestricted_UntilChanged()
    {
        var admin = await _server.AdminAsync();
        await admin.Ok<UserDto>(admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest("newbie", TestServer.UserPassword, "Newbie", MustChangePassword: true)));
        using var anon = _server.Client();
        var login = await admin.Ok<LoginResponse>(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("newbie", TestServer.UserPassword)));
        Assert.Equal(ErrorCodes.PasswordChangeRequired, login.User.Requires);
        var s = new Session(_server, login.User, login.Token);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.PasswordChangeRequired), await s.StatusAsync(s.Http.GetAsync("/api/v1/conversations")));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.PasswordChangeRequired), await s.StatusAsync(s.Http.PostAsync("/api/v1/hub/negotiate?negotiateVersion=1", null)));
        Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync("/api/v1/config")).StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await s.StatusAsync(s.Http.PutAsJsonAsync("/api/v1/users/me/password", new ChangePasswordRequest(TestServer.UserPassword, TestServer.UserPassword))));
        Assert.Equal(HttpStatusCode.NoContent, (await s.Http.PutAsJsonAsync("/api/v1/users/me/password", new ChangePasswordRequest(TestServer.UserPassword, "Zp4-chosen-by-me"))).StatusCode);
        Assert.Null((await s.Ok<UserDto>(s.Http.GetAsync("/api/v1/users/me"))).Requires);
        Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync("/api/v1/conversations")).StatusCode);
    }

    [Fact]
    public async Task Reset_ByDefaultForcesChange_PatchCanForceOrWithdraw()
    {
        var admin = await _server.AdminAsync();
        var ivy = await _server.UserAsync("ivy");
        (await admin.Http.PutAsJsonAsync($"/api/v1/users/{ivy.Id}/password", new ResetPasswordRequest("Kq3-temporary-9x"))).EnsureSuccessStatusCode();
        using var anon = _server.Client();
        var login = await admin.Ok<LoginResponse>(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("ivy", "Kq3-temporary-9x")));
        Assert.Equal(ErrorCodes.PasswordChangeRequired, login.User.Requires);

        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{ivy.Id}", new UpdateUserRequest(null, null, null, MustChangePassword: false)));
        using var again = _server.Client(login.Token);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/conversations")).StatusCode);
        // Required while connected: the live connection closes and cannot reopen; REST answers the code.
        await using var hub = _server.Hub(login.Token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartRegisteredAsync(); // an eviction before the server registered it would miss it (HubReady)
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{ivy.Id}", new UpdateUserRequest(null, null, null, MustChangePassword: true)));
        Assert.True(await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(8))) == closed.Task, "the hub connection stayed open after a password change was required");
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/api/v1/conversations")).StatusCode);
        await using var reconnect = _server.Hub(login.Token);
        await Assert.ThrowsAnyAsync<Exception>(() => reconnect.StartAsync());
    }

    [Fact]
    public async Task Administrator_ListsAndEndsAUsersSessions()
    {
        var admin = await _server.AdminAsync();
        var jo = await _server.UserAsync("jo");
        var sessions = (await admin.Ok<ListResponse<SessionDto>>(admin.Http.GetAsync($"/api/v1/users/{jo.Id}/sessions"))).Items;
        var only = Assert.Single(sessions);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/users/{jo.Id}/sessions/{only.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await jo.Http.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await admin.StatusAsync(admin.Http.DeleteAsync($"/api/v1/users/{admin.Id}/sessions/{only.Id}")));
    }
}
