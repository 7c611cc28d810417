using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Parley.Server.Storage;

/// <summary>
/// Opens connections to the one database. Provider tuning lives here (pragmas), not in callers.
/// Reads use pooled connections concurrently (WAL lets readers run beside the single writer).
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        if (!StorageOptions.Providers.Contains(o.Provider, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Unknown storage provider '{o.Provider}'. Valid providers: {string.Join(", ", StorageOptions.Providers)}.");
        }
        Directory.CreateDirectory(o.DataDirectory);
        FilePath = Path.GetFullPath(Path.Combine(o.DataDirectory, "parley.db"));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    /// <summary>
    /// A pooled connection for reads. No per-open pragmas: reads are the hot path (history, auth, search), and
    /// Microsoft.Data.Sqlite already retries on SQLITE_BUSY for the command timeout.
    /// </summary>
    public DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The writer's connection (one per process, opened once).</summary>
    public DbConnection OpenForWriting()
    {
        var connection = Open();
        using var cmd = connection.CreateCommand();
        // synchronous=FULL: a commit is on disk before we acknowledge (survives power loss, not only kill -9);
        // group commit in WriteQueue amortises the fsync.
        cmd.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;";
        cmd.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Database-wide settings that persist in the file; run once at start-up.</summary>
    public void Prepare(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = cmd.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Could not switch {FilePath} to WAL mode (got '{mode}').");
        }
    }
}
