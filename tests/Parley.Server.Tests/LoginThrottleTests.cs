using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// Issue 13: the old lockout let anyone lock any account (the administrator's too) with five requests, told existing
/// names from unknown ones (423 only for real accounts), and re-locked for a full period after one wrong attempt once
/// it expired. Failures are now throttled per account and address; the addresses come from X-Forwarded-For, trusted
/// from loopback here as from a reverse proxy in production.
/// </summary>
public class LoginThrottleTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Auth:LoginFailuresPerAddress"] = "3",
        ["Parley:Auth:LoginFailuresPerAccount"] = "5",
        ["Parley:Proxy:KnownProxies:0"] = "127.0.0.1",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, string? Code, TimeSpan? RetryAfter)> LoginAsync(string address, string user, string password)
    {
        using var http = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new LoginRequest(user, password)) };
        request.Headers.Add("X-Forwarded-For", address);
        using var res = await http.SendAsync(request);
        var code = res.IsSuccessStatusCode ? null : (await res.Content.ReadFromJsonAsync<Problem>())?.Code;
        return (res.StatusCode, code, res.Headers.RetryAfter?.Delta);
    }

    private sealed record Problem(string? Code);

    [Fact]
    public async Task Login_StrangerFailsRepeatedly_OnlyTheStrangersAddressIsThrottled()
    {
        await _server.UserAsync("bob");
        for (var i = 0; i < 3; i++)
            Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials), Pair(await LoginAsync("203.0.113.7", "bob", "wrong-password")));
        var throttled = await LoginAsync("203.0.113.7", "bob", TestServer.UserPassword);
        Assert.Equal((HttpStatusCode.TooManyRequests, ErrorCodes.LoginThrottled), Pair(throttled));
        Assert.NotNull(throttled.RetryAfter);
        // The owner, elsewhere, is not locked out by the stranger's attempts.
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("198.51.100.2", "bob", TestServer.UserPassword)).Status);
    }

    [Fact]
    public async Task Login_UnknownName_IsAnsweredExactlyLikeAnExistingOne()
    {
        await _server.UserAsync("carol");
        var known = new List<(HttpStatusCode, string?)>();
        var unknown = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 4; i++)
        {
            known.Add(Pair(await LoginAsync("203.0.113.8", "carol", "wrong-password")));
            unknown.Add(Pair(await LoginAsync("203.0.113.8", "nobody-here", "wrong-password")));
        }
        Assert.Equal(known, unknown);
        Assert.Equal((HttpStatusCode.TooManyRequests, ErrorCodes.LoginThrottled), unknown[^1]);
    }

    [Fact]
    public async Task Login_AccountCeiling_StopsAddressesThatFailed_ButLetsACleanAddressIn()
    {
        await _server.UserAsync("dave");
        foreach (var address in new[] { "203.0.113.10", "203.0.113.11" })
        {
            for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(address, "dave", "wrong-password")).Status);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("203.0.113.12", "dave", "wrong-password")).Status);
        // Five failures for the account: an address that already failed is refused even with two tries left of its own…
        Assert.Equal((HttpStatusCode.TooManyRequests, ErrorCodes.LoginThrottled), Pair(await LoginAsync("203.0.113.12", "dave", TestServer.UserPassword)));
        // …but one that never failed is heard.
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("198.51.100.3", "dave", TestServer.UserPassword)).Status);
    }

    [Fact]
    public async Task Login_DeactivatedAccount_RightPassword_AnswersLikeAWrongOne()
    {
        var admin = await _server.AdminAsync();
        var erin = await _server.UserAsync("erin");
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{erin.Id}", new UpdateUserRequest(null, false, null)));
        var right = await LoginAsync("198.51.100.4", "erin", TestServer.UserPassword);
        var wrong = await LoginAsync("198.51.100.5", "erin", "not-her-password");
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials), Pair(right));
        Assert.Equal(Pair(wrong), Pair(right));
    }

    private static (HttpStatusCode, string?) Pair((HttpStatusCode Status, string? Code, TimeSpan? RetryAfter) r) => (r.Status, r.Code);
}
