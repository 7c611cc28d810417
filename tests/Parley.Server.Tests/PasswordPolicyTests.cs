using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// Issue 13, item 10: length alone let `password`, `12345678` and the username itself through. Every place a password is
/// set (setup, an administrator creating a user or resetting a password, a user changing their own) refuses common
/// passwords and ones that are or contain the username, with the stable code weak_password and the field named.
/// </summary>
public sealed class PasswordPolicyTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("password")]
    [InlineData("12345678")]
    [InlineData("QWERTYUIOP")]
    [InlineData("Sunshine2024!")]
    [InlineData("woaini1314")]
    [InlineData("chief")] // equal to the username (checked below with MinPasswordLength lowered for this case)
    public async Task Setup_GuessablePassword_RefusedAsWeak(string password)
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Auth:MinPasswordLength"] = "4" });
        using var anon = server.Client();
        using var res = await anon.PostAsJsonAsync("/api/v1/setup", new SetupRequest("chief", password, null));
        await AssertWeak(res, "password", $"setup accepted '{password}'");
        Assert.True((await anon.GetFromJsonAsync<JsonElement>("/api/v1/setup")).GetProperty("needed").GetBoolean(), "a refused setup must leave the server unset");
    }

    [Theory]
    [InlineData("margaret", "margaret")]
    [InlineData("margaret", "MARGARET")]
    [InlineData("margaret", "my-Margaret-1987")]
    [InlineData("bo.chen", "xx-bo.chen-pass")]
    public async Task CreateUser_PasswordIsOrContainsUsername_RefusedCaseInsensitively(string username, string password)
    {
        var admin = await _server.AdminAsync();
        using var res = await admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(username, password, null));
        await AssertWeak(res, "password", $"user '{username}' was created with password '{password}'");
    }

    [Fact]
    public async Task ShortUsername_IsOnlyRefusedAsTheWholePassword()
    {
        var admin = await _server.AdminAsync();
        using var res = await admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest("al", "al-Tq7mz9-k2pb", null));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
    }

    [Fact]
    public async Task ChangeOwnAndAdminReset_ApplyTheSameRule()
    {
        var admin = await _server.AdminAsync();
        var user = await _server.UserAsync("quentin");
        using var own = await user.Http.PutAsJsonAsync("/api/v1/users/me/password", new ChangePasswordRequest(TestServer.UserPassword, "quentin-2026-x"));
        await AssertWeak(own, "newPassword", "a user set a password containing their username");
        using var own2 = await user.Http.PutAsJsonAsync("/api/v1/users/me/password", new ChangePasswordRequest(TestServer.UserPassword, "iloveyou"));
        await AssertWeak(own2, "newPassword", "a user set a common password");
        using var reset = await admin.Http.PutAsJsonAsync($"/api/v1/users/{user.Id}/password", new ResetPasswordRequest("Quentin!!"));
        await AssertWeak(reset, "password", "an administrator reset a password to the username");
        using var strong = await user.Http.PutAsJsonAsync("/api/v1/users/me/password", new ChangePasswordRequest(TestServer.UserPassword, "violet-harbour-canoe"));
        Assert.Equal(HttpStatusCode.NoContent, strong.StatusCode);
    }

    [Fact]
    public async Task TooShort_StaysValidationFailed()
    {
        var admin = await _server.AdminAsync();
        using var res = await admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest("yuki", "short", null));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal(ErrorCodes.ValidationFailed, (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static async Task AssertWeak(HttpResponseMessage res, string field, string what)
    {
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)res.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(ErrorCodes.WeakPassword, doc.RootElement.GetProperty("code").GetString());
        Assert.True(doc.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{what}: the problem does not name the field '{field}': {body}");
    }
}
