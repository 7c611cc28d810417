using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Platform;

public class RolesTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task LastSystemAdministrator_CannotDropTheRoleOrBeDeactivated()
    {
        var admin = await _server.AdminAsync();
        Assert.Equal([Roles.SystemAdmin], admin.User.Roles);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.LastAdministrator),
            await admin.StatusAsync(admin.Http.PatchAsJsonAsync($"/api/v1/users/{admin.Id}", new UpdateUserRequest(null, null, false))));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.LastAdministrator),
            await admin.StatusAsync(admin.Http.PatchAsJsonAsync($"/api/v1/users/{admin.Id}", new UpdateUserRequest(null, null, null, []))));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.LastAdministrator),
            await admin.StatusAsync(admin.Http.PatchAsJsonAsync($"/api/v1/users/{admin.Id}", new UpdateUserRequest(null, false, null))));
        Assert.True((await admin.Ok<UserDto>(admin.Http.GetAsync("/api/v1/users/me"))).IsAdmin);

        // With a second system administrator, the first may step down.
        var second = await _server.UserAsync();
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{second.Id}", new UpdateUserRequest(null, null, true)));
        var after = await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{admin.Id}", new UpdateUserRequest(null, null, false)));
        Assert.False(after.IsAdmin);
    }

    [Fact]
    public async Task UserAdministrator_ManagesUsers_ButCannotGrantRoles()
    {
        var admin = await _server.AdminAsync();
        var helper = await _server.UserAsync();
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{helper.Id}", new UpdateUserRequest(null, null, null, [Roles.UserAdmin])));
        using var anon = _server.Client();
        var login = await admin.Ok<LoginResponse>(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(helper.User.Username, TestServer.UserPassword)));
        var h = new Session(_server, login.User, login.Token);

        var created = await h.Ok<UserDto>(h.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest("plain-user", "Kx9-strong-vb2", null)));
        Assert.Empty(created.Roles!);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden),
            await h.StatusAsync(h.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest("boss", "Kx9-strong-vb2", null, true))));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden),
            await h.StatusAsync(h.Http.PatchAsJsonAsync($"/api/v1/users/{h.Id}", new UpdateUserRequest(null, null, null, [Roles.SystemAdmin]))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PatchAsJsonAsync($"/api/v1/users/{h.Id}", new UpdateUserRequest(null, null, null, ["emperor"]))));
        Assert.Equal([Roles.UserAdmin], (await admin.Ok<UserDto>(admin.Http.GetAsync($"/api/v1/users/{h.Id}"))).Roles);
    }

    [Fact]
    public async Task OwnRecord_CarriesPermissions_OthersDoNot()
    {
        var admin = await _server.AdminAsync();
        var member = await _server.UserAsync();
        Assert.Empty(member.User.Permissions!); // from the sign-in answer
        Assert.Equal(Permissions.All.Order(StringComparer.Ordinal), (await admin.Ok<UserDto>(admin.Http.GetAsync("/api/v1/users/me"))).Permissions!);
        Assert.Null((await admin.Ok<UserDto>(admin.Http.GetAsync($"/api/v1/users/{member.Id}"))).Permissions);
    }
}
