using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Parley.Server.Features.Files;
using Parley.Server.Storage;

namespace Parley.Server.Operations.Backup;

/// <summary>
/// A consistent online backup into one archive. SQLite: the online backup API copies the database as of one read
/// transaction while the server keeps writing (WAL readers never block the writer). PostgreSQL: pg_dump, which reads
/// one snapshot. Then the blobs the copied database references (blobs are written before the row that names them and
/// never change, so every one the snapshot names exists unless it was erased since), and the data folder's keys.
/// </summary>
public sealed class BackupService(Database database, IOptions<StorageOptions> storage, IOptions<FilesOptions> files, IConfiguration configuration,
    ILogger<BackupService> logger)
{
    public sealed record Result(string Path, BackupManifest Manifest, long Bytes);

    public async Task<Result> CreateAsync(string output, CancellationToken ct)
    {
        var data = Path.GetFullPath(storage.Value.DataDirectory);
        var work = Directory.CreateTempSubdirectory("parley-backup-");
        try
        {
            await using var writer = new BackupWriter(output);
            int schema;
            List<(string Key, long Size)> blobs;
            if (database.Provider == StorageProvider.Sqlite)
            {
                var snapshot = Path.Combine(work.FullName, "parley.db");
                (schema, blobs) = SnapshotSqlite(Path.Combine(data, "parley.db"), snapshot);
                await writer.AddFileAsync(snapshot, "parley.db", ct);
            }
            else
            {
                var dump = Path.Combine(work.FullName, "parley.pgdump");
                await PgDumpAsync(dump, ct);
                await writer.AddFileAsync(dump, "parley.pgdump", ct);
                await using var c = await database.OpenAsync(ct);
                schema = Migrations.CurrentVersion(c);
                blobs = await ReferencedBlobsAsync(c);
            }

            var missing = new List<string>();
            var local = !string.Equals(files.Value.Provider, "S3", StringComparison.OrdinalIgnoreCase);
            if (local)
            {
                var root = Path.GetFullPath(Path.Combine(data, files.Value.LocalPath));
                foreach (var (key, _) in blobs)
                    if (!await writer.AddFileAsync(Path.Combine(root, key[..2], key), $"files/{key[..2]}/{key}", ct)) missing.Add(key);
            }
            else
            {
                // Objects stay in the bucket (back it up with the store's own versioning or replication); the archive
                // lists what this database needs from it.
                var inventory = Path.Combine(work.FullName, "files-inventory.tsv");
                await File.WriteAllLinesAsync(inventory, blobs.Select(b => $"{b.Key}\t{b.Size}"), ct);
                await writer.AddFileAsync(inventory, "files-inventory.tsv", ct);
            }
            var keys = Path.Combine(data, "keys");
            if (Directory.Exists(keys))
                foreach (var key in Directory.EnumerateFiles(keys).Order(StringComparer.Ordinal))
                    await writer.AddFileAsync(key, "keys/" + Path.GetFileName(key), ct);
            foreach (var key in missing) logger.LogWarning("Blob {Key} was erased after the database was copied; the backup lacks it", key);

            BackupManifest? manifest = null;
            await writer.CompleteAsync(entries => manifest = new BackupManifest(BackupManifest.CurrentFormat, Version.Current,
                database.Provider.ToString().ToLowerInvariant(), schema, DateTimeOffset.UtcNow, [.. entries], local ? "local" : "s3",
                blobs.Count, missing), ct);
            return new Result(Path.GetFullPath(output), manifest!, new FileInfo(output).Length);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static (int Schema, List<(string, long)> Blobs) SnapshotSqlite(string source, string target)
    {
        if (!File.Exists(source)) throw new BackupException($"no database at {source} (is --data right?)");
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        from.Open();
        to.Open();
        // One step over all pages, under one read transaction of the source: a snapshot as of one commit.
        from.BackupDatabase(to);
        // A single self-contained file (no -wal beside it), checked before it goes into the archive.
        to.Execute("PRAGMA journal_mode=DELETE");
        var check = to.ExecuteScalar<string>("PRAGMA quick_check");
        if (check != "ok") throw new InvalidOperationException($"The copied database fails its integrity check: {check}");
        return (Migrations.CurrentVersion(to), ReferencedBlobs(to));
    }

    private const string BlobsSql = """
        SELECT blob_key AS Key, size AS Size FROM files
        UNION SELECT thumb_key, coalesce(thumb_size, 0) FROM files WHERE thumb_key IS NOT NULL
        ORDER BY 1
        """;

    private static List<(string, long)> ReferencedBlobs(DbConnection c) => [.. c.Query<(string, long)>(BlobsSql)];

    private static async Task<List<(string, long)>> ReferencedBlobsAsync(DbConnection c) => [.. await c.QueryAsync<(string, long)>(BlobsSql)];

    private async Task PgDumpAsync(string target, CancellationToken ct)
    {
        var psi = PgTool("pg_dump", configuration);
        foreach (var a in new[] { "--format=custom", "--no-owner", "--no-privileges", "--file", target }) psi.ArgumentList.Add(a);
        await RunAsync(psi, ct);
    }

    /// <summary>A PostgreSQL client tool with the connection taken from ConnectionStrings:Parley (libpq's PG* variables).</summary>
    internal static ProcessStartInfo PgTool(string tool, IConfiguration configuration)
    {
        var cs = configuration.GetConnectionString(Database.ConnectionStringName)
            ?? throw new BackupException($"ConnectionStrings:{Database.ConnectionStringName} is required for a PostgreSQL backup or restore.");
        var b = new NpgsqlConnectionStringBuilder(cs);
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.Environment["PGHOST"] = b.Host;
        psi.Environment["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGDATABASE"] = b.Database;
        psi.Environment["PGUSER"] = b.Username;
        if (b.Password is { } password) psi.Environment["PGPASSWORD"] = password;
        return psi;
    }

    internal static async Task RunAsync(ProcessStartInfo psi, CancellationToken ct)
    {
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"{psi.FileName} is not installed (Debian: apt-get install postgresql-client).");
        }
        using (p)
        {
            var err = p.StandardError.ReadToEndAsync(ct);
            await p.StandardOutput.ReadToEndAsync(ct);
            await p.WaitForExitAsync(ct);
            if (p.ExitCode != 0) throw new InvalidOperationException($"{psi.FileName} failed ({p.ExitCode}): {(await err).Trim()}");
        }
    }
}
