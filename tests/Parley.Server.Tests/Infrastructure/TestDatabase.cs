using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using Parley.Server.Storage;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The database a test server runs on. By default a SQLite file in the server's data folder. When
/// PARLEY_TEST_POSTGRES holds a connection string to a PostgreSQL server (scripts/test.sh starts a throwaway one and
/// runs this whole suite a second time with it), each test server gets its own PostgreSQL database, dropped again at
/// the end: one suite, two providers.
/// <para>
/// Running every schema step for each of the suite's servers cost more than the tests themselves, so each test process
/// migrates one template, once, with the server's own <see cref="Database.Migrate"/>, and every database starts as a copy
/// of it: a copied parley.db on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL. The server then finds its schema
/// current and applies nothing. Tests that bring their own database (an old schema, a restore) ask for a fresh, empty one.
/// </para>
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static string? PostgresAdmin { get; } = System.Environment.GetEnvironmentVariable("PARLEY_TEST_POSTGRES") is { Length: > 0 } v ? v : null;
    public static bool IsPostgres => PostgresAdmin is not null;

    private const string SqliteFile = "parley.db";

    private TestDatabase(string dataDirectory, string? connectionString)
    {
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
    }

    public string DataDirectory { get; }

    /// <summary>The Npgsql connection string of this test's own database (PostgreSQL runs only).</summary>
    public string? ConnectionString { get; }

    /// <summary>
    /// A database at the current schema (a copy of the process's template), or with <paramref name="fresh"/> an empty
    /// one (no parley.db in the folder on SQLite, a new database without tables on PostgreSQL).
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(string dataDirectory, bool fresh = false)
    {
        if (PostgresAdmin is null)
        {
            if (!fresh)
            {
                var template = await Template.Value;
                Directory.CreateDirectory(dataDirectory);
                File.Copy(template, Path.Combine(dataDirectory, SqliteFile));
            }
            return new TestDatabase(dataDirectory, null);
        }
        var name = "parley_t_" + Guid.NewGuid().ToString("N")[..20];
        if (fresh) await AdminAsync($"CREATE DATABASE {name}");
        else await CopyTemplateAsync(name, await Template.Value);
        return new TestDatabase(dataDirectory, ConnectionStringOf(name));
    }

    /// <summary>The migrated template: the SQLite file's path, or the PostgreSQL database's name.</summary>
    private static readonly Lazy<Task<string>> Template = new(() => Task.Run(MigrateTemplate), LazyThreadSafetyMode.ExecutionAndPublication);

    private static string MigrateTemplate()
    {
        var folder = Path.Combine(Path.GetTempPath(), "parley-tests", "template-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>();
        string? postgresName = null;
        if (PostgresAdmin is not null)
        {
            postgresName = "parley_tpl_" + Guid.NewGuid().ToString("N")[..20];
            AdminAsync($"CREATE DATABASE {postgresName}").GetAwaiter().GetResult();
            settings["ConnectionStrings:" + Database.ConnectionStringName] = ConnectionStringOf(postgresName);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate(postgresName);
        }
        else AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder(folder);
        var options = Options.Create(new StorageOptions { Provider = postgresName is null ? "Sqlite" : "Postgres", DataDirectory = folder });
        using (var database = new Database(options, new ConfigurationBuilder().AddInMemoryCollection(settings).Build()))
        {
            database.Migrate();
            if (postgresName is null)
            {
                using var connection = database.Open();
                using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                checkpoint.ExecuteNonQuery();
            }
        }
        // No session may stay on a PostgreSQL template, and the SQLite copy must be the whole database.
        NpgsqlConnection.ClearAllPools();
        SqliteConnection.ClearAllPools();
        if (postgresName is not null)
        {
            DeleteFolder(folder); // the Database made it as its data folder; nothing in it is needed
            return postgresName;
        }
        return Path.Combine(folder, SqliteFile);
    }

    /// <summary>
    /// PostgreSQL refuses to copy a template while another CREATE DATABASE reads it ("source database … is being
    /// accessed by other users"), so this process copies one at a time, and retries if a session is still closing.
    /// </summary>
    private static async Task CopyTemplateAsync(string name, string template)
    {
        await CopyGate.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await AdminAsync($"CREATE DATABASE {name} TEMPLATE {template}");
                    return;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
                {
                    await Task.Delay(200 * attempt);
                }
            }
        }
        finally
        {
            CopyGate.Release();
        }
    }

    private static readonly SemaphoreSlim CopyGate = new(1, 1);

    private static void DropTemplate(string name)
    {
        try
        {
            AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)").GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // Best effort at exit: scripts/test.sh throws its whole PostgreSQL instance away anyway.
        }
    }

    private static void DeleteFolder(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(PostgresAdmin);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, admin);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string ConnectionStringOf(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = database, Pooling = true }.ToString();

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
            ? new SqliteConnection($"Data Source={Path.Combine(DataDirectory, SqliteFile)};Pooling=False")
            : new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        if (ConnectionString is null || PostgresAdmin is null) return;
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }
}
