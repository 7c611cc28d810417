using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Contracts;
using Parley.Server.Hosting;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The real server (Kestrel on a loopback port, real SQLite file in a fresh folder) inside the test process.
/// Each instance is isolated: its own data folder, database and port.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, TestDatabase database, Uri baseAddress)
    {
        _app = app;
        Database = database;
        BaseAddress = baseAddress;
    }

    public TestDatabase Database { get; }
    public string DataDirectory => Database.DataDirectory;
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The schema steps this server applied at start (none on a database copied from the migrated template).</summary>
    public IReadOnlyList<string> AppliedMigrations { get; private init; } = [];

    /// <summary>Starts a server; <paramref name="configure"/> may register more services through the public seams (throwaway filters, subscribers).</summary>
    /// <param name="webRoot">A folder to serve as the web client (wwwroot); by default none, as in a server built without npm.</param>
    public static async Task<TestServer> StartAsync(IDictionary<string, string?>? settings = null, string? webRoot = null, Action<WebApplicationBuilder>? configure = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var database = await TestDatabase.CreateAsync(dir);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = webRoot,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var config = new Dictionary<string, string?>
        {
            ["Parley:Storage:DataDirectory"] = dir,
            // Tests log in many users from one address and send quickly; specific tests lower these.
            ["Parley:Auth:LoginAttemptsPerMinute"] = "10000",
            ["Parley:Messages:RatePerSecond"] = "1000",
            // Cheap hashes keep user-heavy tests fast; the production default is 100,000.
            ["Parley:Auth:PasswordHashIterations"] = "1000",
            ["Parley:Messages:RateBurst"] = "1000",
            // Visitor chats all start from 127.0.0.1; Service/VisitorChallengeTests lowers this to meet the challenge.
            ["Parley:Service:ChallengeAboveSessionsPerMinutePerAddress"] = "10000",
        };
        foreach (var kv in database.Settings) config[kv.Key] = kv.Value;
        foreach (var kv in settings ?? new Dictionary<string, string?>()) config[kv.Key] = kv.Value;
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddParley();
        configure?.Invoke(builder);
        var app = builder.Build();
        var applied = Startup.PrepareDatabase(app.Services);
        app.MapParley();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, database, new Uri(address)) { AppliedMigrations = applied };
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Passwords of the test users: neither common nor containing a username (Passwords.Validate refuses both, so the
    /// old "password-" + username no longer passes).
    /// </summary>
    public const string AdminPassword = "Tq7mz9-first-k2pb", UserPassword = "Tq7mz9-member-k2pb";

    private string? _adminToken;

    /// <summary>The first administrator (created on first use).</summary>
    public async Task<Session> AdminAsync()
    {
        if (_adminToken is null)
        {
            using var anon = Client();
            var res = await anon.PostAsJsonAsync("/api/v1/setup", new SetupRequest("admin", AdminPassword, "Admin"));
            res.EnsureSuccessStatusCode();
            var login = (await res.Content.ReadFromJsonAsync<LoginResponse>())!;
            _adminToken = login.Token;
            return new Session(this, login.User, login.Token);
        }
        using var c = Client(_adminToken);
        return new Session(this, (await c.GetFromJsonAsync<UserDto>("/api/v1/users/me"))!, _adminToken);
    }

    /// <summary>A new user, created by the administrator with these roles (none: a member) and logged in.</summary>
    public async Task<Session> UserAsync(string? username = null, params string[] roles)
    {
        var admin = await AdminAsync();
        username ??= "u" + Guid.NewGuid().ToString("N")[..10];
        var created = await admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(username, UserPassword, null, false, roles.Length == 0 ? null : roles));
        created.EnsureSuccessStatusCode();
        using var anon = Client();
        var res = await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(username, UserPassword));
        res.EnsureSuccessStatusCode();
        var login = (await res.Content.ReadFromJsonAsync<LoginResponse>())!;
        return new Session(this, login.User, login.Token);
    }

    public HubConnection Hub(string token, bool messagePack = false)
    {
        var b = new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, HubNames.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (messagePack) b.AddMessagePackProtocol();
        return b.Build();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Database.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
