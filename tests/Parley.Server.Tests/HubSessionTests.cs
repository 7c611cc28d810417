using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>
/// Issue 13: a hub connection used to outlive its session — after logout, revocation, a password change or reset,
/// deactivation or expiry it kept receiving events and accepting calls. Every way a session ends now closes its
/// connections within seconds; other sessions' connections stay. Also: bounded presence watches, a per-connection
/// call rate, and refused hub calls no longer logged as errors.
/// </summary>
public class HubSessionTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private readonly RecordingLogs _logs = new();

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Realtime:MaxWatchedPerConnection"] = "3",
        ["Parley:Realtime:MaxWatchedPerUser"] = "4",
        ["Parley:Realtime:CallsPerSecond"] = "5",
        ["Parley:Subscribers:PollInterval"] = "00:00:00.2",
    }, configure: b => b.Logging.AddProvider(_logs));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(Session Session, HubConnection Hub, TaskCompletionSource Closed)> ConnectAsync(Session session)
    {
        var hub = _server.Hub(session.Token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartRegisteredAsync();
        return (session, hub, closed);
    }

    private async Task<Session> LoginAgainAsync(Session s)
    {
        using var anon = _server.Client();
        var login = await s.Ok<LoginResponse>(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(s.User.Username, TestServer.UserPassword)));
        return new Session(_server, login.User, login.Token);
    }

    private static async Task AssertClosesAsync(TaskCompletionSource closed, string what) =>
        Assert.True(await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(8))) == closed.Task, $"the hub connection stayed open after {what}");

    private static async Task AssertStaysOpenAsync(HubConnection hub, TaskCompletionSource closed)
    {
        await Task.Delay(500);
        Assert.False(closed.Task.IsCompleted, "a connection of another session was closed");
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task Logout_ClosesThatSessionsConnection_NotTheOtherSessions()
    {
        var bob = await _server.UserAsync();
        var other = await ConnectAsync(await LoginAgainAsync(bob));
        var (_, hub, closed) = await ConnectAsync(bob);
        (await bob.Http.PostAsync("/api/v1/auth/logout", null)).EnsureSuccessStatusCode();
        await AssertClosesAsync(closed, "logout");
        await AssertStaysOpenAsync(other.Hub, other.Closed);
        await hub.DisposeAsync();
        await other.Hub.DisposeAsync();
    }

    [Fact]
    public async Task RevokingASession_PasswordChange_AndDeactivation_CloseConnections()
    {
        var admin = await _server.AdminAsync();
        var carol = await _server.UserAsync();
        var second = await LoginAgainAsync(carol);
        var a = await ConnectAsync(carol);
        var b = await ConnectAsync(second);
        var sessions = await carol.Ok<ListResponse<SessionDto>>(carol.Http.GetAsync("/api/v1/auth/sessions"));
        var secondId = sessions.Items.Single(s => !s.Current).Id;
        (await carol.Http.DeleteAsync($"/api/v1/auth/sessions/{secondId}")).EnsureSuccessStatusCode();
        await AssertClosesAsync(b.Closed, "revoking the session");
        await AssertStaysOpenAsync(a.Hub, a.Closed);

        var third = await ConnectAsync(await LoginAgainAsync(carol));
        (await carol.Http.PutAsJsonAsync("/api/v1/users/me/password", new ChangePasswordRequest(TestServer.UserPassword, "Zr8-changed-kq4w"))).EnsureSuccessStatusCode();
        await AssertClosesAsync(third.Closed, "a password change (other sessions)");
        await AssertStaysOpenAsync(a.Hub, a.Closed);

        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{carol.Id}", new UpdateUserRequest(null, false, null)));
        await AssertClosesAsync(a.Closed, "deactivation");
    }

    [Fact]
    public async Task ExpiredSession_ClosesItsConnection()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Auth:SessionLifetime"] = "00:00:03" });
        var dave = await server.UserAsync();
        await using var hub = server.Hub(dave.Token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartRegisteredAsync();
        await AssertClosesAsync(closed, "the session expired");
    }

    [Fact]
    public async Task WatchPresence_IsCappedPerConnectionAndPerUser_AndUnwatchFreesRoom()
    {
        var erin = await _server.UserAsync();
        var others = new List<long>();
        for (var i = 0; i < 5; i++) others.Add((await _server.UserAsync()).Id);
        var (_, hub, _) = await ConnectAsync(erin);
        Assert.Equal(3, (await hub.InvokeAsync<List<PresenceDto>>(HubNames.WatchPresence, others.Take(3).ToArray())).Count);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<List<PresenceDto>>(HubNames.WatchPresence, new[] { others[3] }));
        Assert.Contains(ErrorCodes.Conflict, refused.Message);
        await hub.InvokeAsync(HubNames.UnwatchPresence, new[] { others[0] });
        await hub.InvokeAsync<List<PresenceDto>>(HubNames.WatchPresence, new[] { others[3] });

        var (_, hub2, _) = await ConnectAsync(await LoginAgainAsync(erin));
        await hub2.InvokeAsync<List<PresenceDto>>(HubNames.WatchPresence, new[] { others[4] }); // 4 over both connections
        var perUser = await Assert.ThrowsAsync<HubException>(() => hub2.InvokeAsync<List<PresenceDto>>(HubNames.WatchPresence, new[] { others[0] }));
        Assert.Contains(ErrorCodes.Conflict, perUser.Message);
        await hub.DisposeAsync();
        await hub2.DisposeAsync();
    }

    [Fact]
    public async Task HubCalls_OtherThanSends_AreRateLimitedPerConnection()
    {
        var frank = await _server.UserAsync();
        var g = await frank.CreateAsync(ConversationKinds.Group, "rate");
        var (_, hub, _) = await ConnectAsync(frank);
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            try { await hub.InvokeAsync(HubNames.MarkRead, g.Id, 0L); return "ok"; }
            catch (HubException ex) { return ex.Message; }
        }));
        Assert.True(results.Any(r => r.Contains(ErrorCodes.RateLimited + ":", StringComparison.Ordinal)), string.Join(" | ", results));
        Assert.Contains("ok", results);
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task RefusedHubCalls_AreNotLoggedAsErrors()
    {
        var grace = await _server.UserAsync();
        var owner = await _server.UserAsync();
        var closedGroup = await owner.CreateAsync(ConversationKinds.Group, "not yours");
        var (_, hub, _) = await ConnectAsync(grace);
        for (var i = 0; i < 40; i++)
        {
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>(HubNames.SendMessage, closedGroup.Id, "knock", null));
        }
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
        await hub.DisposeAsync();
    }
}

/// <summary>Collects every log entry the server writes (level and category), for assertions about logging.</summary>
public sealed class RecordingLogs : ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
