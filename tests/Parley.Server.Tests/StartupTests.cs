using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>Start-up refuses configurations and databases it cannot serve safely, with a clear message and a non-zero exit.</summary>
[Collection("processes")]
public class StartupTests
{
    private static async Task<(int Exit, string Err)> Serve(params string[] args) => await Serve(null, args);

    private static async Task<(int Exit, string Err)> Serve(TestDatabase? database, params string[] args)
    {
        var (exit, stdout, stderr) = await ParleyCommand.RunAsync(database, args);
        return (exit, stderr + stdout);
    }

    private static string NewDataDir() => Path.Combine(Path.GetTempPath(), "parley-tests", "start-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task UnknownStorageProvider_FailsListingValidOnes()
    {
        var (exit, output) = await Serve("--urls", "http://127.0.0.1:0", "--data", NewDataDir(), "--Parley:Storage:Provider=Oracle");
        Assert.NotEqual(0, exit);
        Assert.Contains("Unknown storage provider 'Oracle'", output);
        Assert.Contains("Sqlite, Postgres", output);
    }

    [Fact]
    public async Task PostgresThatDoesNotAnswer_IsRetried_ThenFailsNamingTheDatabase()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var (exit, output) = await Serve("--urls", "http://127.0.0.1:0", "--data", NewDataDir(), "--Parley:Storage:Provider=Postgres",
            $"--ConnectionStrings:Parley=Host=127.0.0.1;Port={port};Database=nowhere;Username=x;Timeout=2", "--Parley:Storage:StartupWait=00:00:03");
        Assert.Equal(1, exit);
        Assert.Contains($"Cannot reach PostgreSQL database 'nowhere' on 127.0.0.1:{port}", output);
        Assert.Contains("retrying", output);
    }

    [Fact]
    public async Task HeartbeatOutOfRange_FailsWithAClearMessage()
    {
        var (exit, output) = await Serve("--urls", "http://127.0.0.1:0", "--data", NewDataDir(), "--Parley:Realtime:KeepAliveInterval=00:00:01");
        Assert.NotEqual(0, exit);
        Assert.Contains("Parley:Realtime:KeepAliveInterval must be between", output);
    }

    [Fact]
    public async Task KnownProxyThatIsNotAnAddress_FailsWithAClearMessage()
    {
        var (exit, output) = await Serve("--urls", "http://127.0.0.1:0", "--data", NewDataDir(), "--Parley:Proxy:KnownProxies:0=proxy.local");
        Assert.Equal(1, exit);
        Assert.Contains("'proxy.local' is not an IP address", output);
    }

    [Fact]
    public async Task PostgresWithoutConnectionString_FailsNamingTheKey()
    {
        var (exit, output) = await Serve("--urls", "http://127.0.0.1:0", "--data", NewDataDir(), "--Parley:Storage:Provider=Postgres", "--ConnectionStrings:Parley=");
        Assert.Equal(1, exit);
        Assert.Contains("ConnectionStrings__Parley", output);
    }

    [Fact]
    public async Task SchemaNewerThanBinary_RefusesToStart()
    {
        var data = NewDataDir();
        await using var database = await TestDatabase.CreateAsync(data);
        var (migrateExit, _) = await Serve(database, "migrate", "--data", data);
        Assert.Equal(0, migrateExit);
        var (againExit, again) = await Serve(database, "migrate", "--data", data);
        Assert.Equal(0, againExit);
        Assert.Contains("up to date", again);
        await using (var c = await database.OpenDirectAsync())
        {
            var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_version(version, name, applied_at) VALUES (999, 'from the future', 0)";
            await cmd.ExecuteNonQueryAsync();
        }
        var (exit, output) = await Serve(database, "--urls", "http://127.0.0.1:0", "--data", data);
        Assert.Equal(1, exit);
        Assert.Contains("newer than this Parley build knows", output);
    }
}
