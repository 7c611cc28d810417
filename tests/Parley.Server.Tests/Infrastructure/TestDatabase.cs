using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The database a test server runs on. By default a fresh SQLite file in the server's data folder. When
/// PARLEY_TEST_POSTGRES holds a connection string to a PostgreSQL server (scripts/test.sh starts a throwaway one and
/// runs this whole suite a second time with it), each test server gets its own freshly created PostgreSQL database,
/// dropped again at the end: one suite, two providers.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static string? PostgresAdmin { get; } = System.Environment.GetEnvironmentVariable("PARLEY_TEST_POSTGRES") is { Length: > 0 } v ? v : null;
    public static bool IsPostgres => PostgresAdmin is not null;

    private TestDatabase(string dataDirectory, string? connectionString)
    {
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
    }

    public string DataDirectory { get; }

    /// <summary>The Npgsql connection string of this test's own database (PostgreSQL runs only).</summary>
    public string? ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string dataDirectory)
    {
        if (PostgresAdmin is null) return new TestDatabase(dataDirectory, null);
        var name = "parley_t_" + Guid.NewGuid().ToString("N")[..20];
        await using (var admin = new NpgsqlConnection(PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        return new TestDatabase(dataDirectory, new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, Pooling = true }.ToString());
    }

    /// <summary>Configuration keys for an in-process server.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
        ConnectionString is null
            ? []
            : [new("Parley:Storage:Provider", "Postgres"), new("ConnectionStrings:Parley", ConnectionString)];

    /// <summary>The same as environment variables, as an operator sets them for a server process or the CLI.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment =>
        ConnectionString is null
            ? []
            : [new("Parley__Storage__Provider", "Postgres"), new("ConnectionStrings__Parley", ConnectionString)];

    /// <summary>A direct connection beside the server (to inspect or tamper with what it stored).</summary>
    public async Task<DbConnection> OpenDirectAsync()
    {
        DbConnection c = ConnectionString is null
            ? new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "parley.db")};Pooling=False")
            : new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        if (ConnectionString is null || PostgresAdmin is null) return;
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresAdmin);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await cmd.ExecuteNonQueryAsync();
    }
}
