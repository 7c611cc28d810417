using System.Data.Common;
using Dapper;

namespace Parley.Server.Storage;

/// <summary>
/// Ordered schema migrations, one list per provider (<see cref="SqliteSchema"/>, <see cref="PostgresSchema"/>).
/// Each runs once in its own transaction and records its version; re-running is a no-op. A database stamped with a version newer than this binary knows is refused.
/// Times are Unix milliseconds; ids are 64-bit integers.
/// </summary>
public static class Migrations
{
    public static int Latest => SqliteSchema.Steps[^1].Version;

    private static (int Version, string Name, string Sql)[] StepsOf(StorageProvider provider) =>
        provider == StorageProvider.Postgres ? PostgresSchema.Steps : SqliteSchema.Steps;

    public static int CurrentVersion(DbConnection connection)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        return connection.ExecuteScalar<int?>("SELECT max(version) FROM schema_version") ?? 0;
    }

    /// <summary>Applies missing steps; returns the names of the steps applied.</summary>
    public static IReadOnlyList<string> Apply(DbConnection connection, StorageProvider provider)
    {
        var current = CurrentVersion(connection);
        if (current > Latest)
        {
            throw new InvalidOperationException(
                $"The database schema is version {current}, newer than this Parley build knows ({Latest}). Upgrade Parley before starting it on this database.");
        }
        var applied = new List<string>();
        foreach (var (version, name, sql) in StepsOf(provider).Where(s => s.Version > current))
        {
            using var tx = connection.BeginTransaction();
            connection.Execute(sql, transaction: tx);
            connection.Execute("INSERT INTO schema_version(version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx);
            tx.Commit();
            applied.Add($"{version}: {name}");
        }
        return applied;
    }
}
