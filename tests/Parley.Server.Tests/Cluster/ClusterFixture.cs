using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>
/// Several real server processes sharing one PostgreSQL database and one Redis (with a key prefix of their own),
/// started by scripts/test.sh on loopback ports. Cluster tests carry the trait Category=Cluster and run in the
/// PostgreSQL pass of the suite; without the services they fail, saying what is missing.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public static string Redis => Environment.GetEnvironmentVariable("PARLEY_TEST_REDIS") is { Length: > 0 } r
        ? r : throw new InvalidOperationException("Cluster tests need PARLEY_TEST_REDIS (host:port of a Redis) and PARLEY_TEST_POSTGRES; scripts/test.sh starts both.");

    public static string Restart(string which) => Environment.GetEnvironmentVariable($"PARLEY_TEST_{which}_RESTART") is { Length: > 0 } c
        ? c : throw new InvalidOperationException($"PARLEY_TEST_{which}_RESTART is not set; scripts/test.sh sets it.");

    private Cluster(TestDatabase database, List<ServerProcess> nodes)
    {
        Database = database;
        Nodes = nodes;
    }

    public TestDatabase Database { get; }
    public List<ServerProcess> Nodes { get; }

    /// <summary>Starts <paramref name="count"/> nodes of <paramref name="program"/>, each with <paramref name="perNode"/>'s extra environment.</summary>
    public static async Task<Cluster> StartAsync(int count, string program = "Parley.Server", Func<int, IDictionary<string, string>>? perNode = null)
    {
        if (!TestDatabase.IsPostgres) throw new InvalidOperationException("Cluster tests need PARLEY_TEST_POSTGRES (scripts/test.sh sets it).");
        var database = await TestDatabase.CreateAsync(Path.Combine(Path.GetTempPath(), "parley-tests", "cluster-" + Guid.NewGuid().ToString("N")));
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = Redis,
            ["Parley__Cluster__Prefix"] = $"t{Guid.NewGuid():N}:",
            ["Parley__Auth__LoginAttemptsPerMinute"] = "100000",
        };
        var nodes = Enumerable.Range(0, count).Select(i =>
        {
            var node = new ServerProcess(database, env) { Program = program };
            foreach (var (k, v) in perNode?.Invoke(i) ?? new Dictionary<string, string>()) node.Environment[k] = v;
            return node;
        }).ToList();
        // Start one first (it migrates), then the others together.
        await nodes[0].StartAsync();
        await Task.WhenAll(nodes.Skip(1).Select(n => n.StartAsync()));
        return new Cluster(database, nodes);
    }

    public static async Task RunAsync(string shellCommand)
    {
        using var p = Process.Start(new ProcessStartInfo("bash", ["-c", shellCommand]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        if (p.ExitCode != 0) throw new InvalidOperationException($"`{shellCommand}` failed ({p.ExitCode}): {await err}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var n in Nodes) await n.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>A user of the cluster: a token valid on every node, HTTP to a chosen node, a hub connection to a chosen node.</summary>
public sealed class ClusterUser(string token, long id)
{
    public string Token { get; } = token;
    public long Id { get; } = id;

    public HttpClient Http(ServerProcess node)
    {
        var c = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        c.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        return c;
    }

    public HubConnection Hub(ServerProcess node) =>
        new HubConnectionBuilder().WithUrl(new Uri(node.BaseAddress, HubNames.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(Token)).Build();

    public static async Task<(ClusterUser Admin, List<ClusterUser> Users)> CreateAsync(ServerProcess node, int users)
    {
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        var setup = await http.PostAsJsonAsync("/api/v1/setup", new SetupRequest("admin", TestServer.AdminPassword, null));
        setup.EnsureSuccessStatusCode();
        var login = (await setup.Content.ReadFromJsonAsync<LoginResponse>())!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", login.Token);
        var list = new List<ClusterUser>();
        for (var i = 0; i < users; i++)
        {
            var name = $"user{i}";
            (await http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(name, TestServer.UserPassword, null))).EnsureSuccessStatusCode();
            using var anon = new HttpClient { BaseAddress = node.BaseAddress };
            var res = await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(name, TestServer.UserPassword));
            res.EnsureSuccessStatusCode();
            var l = (await res.Content.ReadFromJsonAsync<LoginResponse>())!;
            list.Add(new ClusterUser(l.Token, l.User.Id));
        }
        return (new ClusterUser(login.Token, login.User.Id), list);
    }
}
