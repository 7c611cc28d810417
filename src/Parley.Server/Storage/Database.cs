using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Parley.Server.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Opens connections to the one database, SQLite (embedded, a file under the data folder) or PostgreSQL
/// (cluster mode, shared by every node). Provider tuning lives here, not in callers; the SQL in the stores is
/// portable, and the few places that differ ask <see cref="Sql"/>.
/// </summary>
public sealed class Database : IDisposable
{
    public const string ConnectionStringName = "Parley";

    private readonly string? _sqliteConnectionString;
    private readonly bool _statementCache;
    private readonly NpgsqlDataSource? _postgres;

    public Database(IOptions<StorageOptions> options, IConfiguration configuration)
    {
        var o = options.Value;
        Provider = Parse(o.Provider);
        _statementCache = o.StatementCache;
        // The data folder holds file blobs, upload staging and keys in both modes (and the database on SQLite).
        PrivateFiles.CreateDirectory(o.DataDirectory);
        if (Provider == StorageProvider.Postgres)
        {
            var cs = configuration.GetConnectionString(ConnectionStringName);
            if (string.IsNullOrWhiteSpace(cs))
            {
                throw new InvalidOperationException(
                    $"Parley:Storage:Provider is Postgres but ConnectionStrings:{ConnectionStringName} is empty. Set ConnectionStrings__{ConnectionStringName} to an Npgsql connection string.");
            }
            var builder = new NpgsqlConnectionStringBuilder(cs);
            Description = $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
            _postgres = new NpgsqlDataSourceBuilder(cs) { Name = "parley" }.Build();
            return;
        }
        var path = Path.GetFullPath(Path.Combine(o.DataDirectory, "parley.db"));
        // SQLite creates the database with the umask's mode (0644) and gives its -wal and -shm files the database
        // file's mode, so the file is created (empty is a valid database) or restricted here, before SQLite opens it.
        // Only a missing file is opened: closing a descriptor would drop SQLite's POSIX locks held in this process.
        if (!File.Exists(path)) PrivateFiles.CreateEmpty(path);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) PrivateFiles.Restrict(file);
        Description = path;
        _sqliteConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public StorageProvider Provider { get; }

    /// <summary>Where the data is, for logs and CLI output (the SQLite file, or PostgreSQL host and database; never a password).</summary>
    public string Description { get; }

    public static StorageProvider Parse(string? name) =>
        Enum.TryParse<StorageProvider>(name, ignoreCase: true, out var p) && Enum.IsDefined(p) && !int.TryParse(name, out _)
            ? p
            : throw new InvalidOperationException(
                $"Unknown storage provider '{name}'. Valid providers: {string.Join(", ", Enum.GetNames<StorageProvider>())}.");

    /// <summary>
    /// A pooled connection for reads, opened without blocking the request thread. No per-open statements: reads are
    /// the hot path (history, auth, search). SQLite readers run beside the single writer thanks to WAL;
    /// Microsoft.Data.Sqlite retries on SQLITE_BUSY.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        // A span for the open (pool wait included) when traces are on; Npgsql adds one per statement on PostgreSQL.
        using var activity = Operations.Tracing.ParleyActivities.Database.StartActivity("db.open");
        activity?.SetTag("db.system", _postgres is null ? "sqlite" : "postgresql");
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(cancellationToken);
        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A pooled connection, opened synchronously: for the writer thread and start-up. Reads on requests use <see cref="OpenAsync"/>
    /// (the hub-only blocking twins in ConversationStore and UserStore are the exception until the hub moves over).
    /// </summary>
    public DbConnection Open()
    {
        if (_postgres is not null) return _postgres.OpenConnection();
        var connection = new SqliteConnection(_sqliteConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The writer's connection (one per process; reopened after a failure).</summary>
    public DbConnection OpenForWriting()
    {
        var connection = Open();
        if (Provider == StorageProvider.Postgres)
        {
            // A commit returns after the WAL is flushed on the server (the default, stated so nobody "tunes" it away);
            // a statement that hangs on a lock or a dead server fails instead of holding the whole write queue.
            connection.Execute("SET synchronous_commit = on; SET statement_timeout = '15s'; SET lock_timeout = '10s'");
            return connection;
        }
        // synchronous=FULL: a commit is on disk before we acknowledge (survives power loss, not only kill -9);
        // group commit in WriteQueue amortises the fsync.
        connection.Execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
        return connection;
    }

    /// <summary>
    /// The write queue's connection: <see cref="OpenForWriting"/>, on SQLite with its statements cached (Parley:Storage:StatementCache).
    /// Writes are a few dozen distinct statements run again and again; preparing each anew was about 40 % of the writer thread's
    /// CPU per sent message (252 vs 145 µs, `Parley.Seed send-cpu`, bench/README.md).
    /// </summary>
    public DbConnection OpenWriter()
    {
        var connection = OpenForWriting();
        return _statementCache && connection is SqliteConnection sqlite ? new CachingConnection(sqlite, WriterStatementCacheSize) : connection;
    }

    /// <summary>
    /// Bound on the writer's prepared statements: every statement the server has fits (about 100 Dapper call sites in
    /// src/Parley.Server today, reads included); a prepared statement costs a few KB of memory.
    /// </summary>
    internal const int WriterStatementCacheSize = 256;

    /// <summary>
    /// Start-up: persistent settings (SQLite's WAL mode) and pending migrations. On PostgreSQL several nodes may start at
    /// once, so migrations run under a session advisory lock: one node migrates, the others wait and then find nothing to do.
    /// </summary>
    public IReadOnlyList<string> Migrate()
    {
        using var connection = OpenForWriting();
        if (Provider == StorageProvider.Postgres)
        {
            connection.Execute("SELECT pg_advisory_lock(@key)", new { key = MigrationLockKey });
            try
            {
                var applied = Migrations.Apply(connection, Provider);
                // Types created by a migration (CITEXT) are unknown to connections that loaded the catalog before it.
                ((NpgsqlConnection)connection).ReloadTypes();
                return applied;
            }
            finally
            {
                connection.Execute("SELECT pg_advisory_unlock(@key)", new { key = MigrationLockKey });
            }
        }
        var mode = connection.ExecuteScalar<string>("PRAGMA journal_mode=WAL;");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Could not switch {Description} to WAL mode (got '{mode}').");
        }
        // A step that rebuilds a table (SQLite cannot alter a column) must not cascade or fail on the foreign keys that
        // point at it; the pragma is ignored inside a transaction, so it is set for the whole run, and the keys are
        // checked after it.
        connection.Execute("PRAGMA foreign_keys=OFF");
        var steps = Migrations.Apply(connection, Provider);
        if (connection.Query("PRAGMA foreign_key_check").Any())
            throw new InvalidOperationException($"A migration of {Description} left rows that break a foreign key; restore the backup taken before the upgrade.");
        connection.Execute("PRAGMA foreign_keys=ON");
        return steps;
    }

    /// <summary>Drops pooled connections after a failure (a restarted PostgreSQL leaves every pooled connection dead).</summary>
    public void ClearPool()
    {
        if (_postgres is not null) _postgres.Clear();
        else SqliteConnection.ClearAllPools();
    }

    /// <summary>Arbitrary but fixed: "parley" in ASCII.</summary>
    private const long MigrationLockKey = 0x7061726c6579;

    public void Dispose() => _postgres?.Dispose();
}
