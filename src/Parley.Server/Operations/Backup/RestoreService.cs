using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Parley.Server.Storage;

namespace Parley.Server.Operations.Backup;

/// <summary>
/// Restores an archive into an empty data folder and verifies it: every entry must match the manifest's size and
/// SHA-256, nothing may be missing or extra, the SQLite database must pass its integrity check. On any failure the
/// folder is emptied again (it was empty before), so a failed restore leaves nothing that could be served.
/// A PostgreSQL archive's dump is then loaded with pg_restore into the (empty) database of ConnectionStrings:Parley.
/// </summary>
public static class RestoreService
{
    public static async Task<BackupManifest> RestoreAsync(string input, string dataDirectory, IConfiguration configuration, CancellationToken ct)
    {
        if (!File.Exists(input)) throw new BackupException($"no such archive: {input}");
        var target = new DirectoryInfo(Path.GetFullPath(dataDirectory));
        if (target.Exists && target.EnumerateFileSystemInfos().Any()) throw new BackupException($"the target folder is not empty: {target.FullName} (restore only into a new or empty folder)");
        PrivateFiles.CreateDirectory(target.FullName);
        try
        {
            var manifest = await ExtractAsync(input, target.FullName, ct);
            if (manifest.Provider == "sqlite") CheckSqlite(Path.Combine(target.FullName, "parley.db"));
            else await PgRestoreAsync(Path.Combine(target.FullName, "parley.pgdump"), configuration, ct);
            return manifest;
        }
        catch
        {
            foreach (var entry in target.EnumerateFileSystemInfos())
                if (entry is DirectoryInfo d) d.Delete(recursive: true); else entry.Delete();
            throw;
        }
    }

    private static async Task<BackupManifest> ExtractAsync(string input, string target, CancellationToken ct)
    {
        var seen = new Dictionary<string, BackupEntry>(StringComparer.Ordinal);
        BackupManifest? manifest = null;
        try
        {
            await using var file = File.OpenRead(input);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    throw new BackupException($"the archive holds an unexpected entry: {entry.Name}");
                if (entry.Name == BackupManifest.EntryName)
                {
                    using var ms = new MemoryStream();
                    await entry.DataStream.CopyToAsync(ms, ct);
                    manifest = BackupManifest.Parse(ms.ToArray()) ?? throw new BackupException("the archive's manifest.json is not valid");
                    continue;
                }
                var path = SafePath(target, entry.Name);
                PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long size = 0;
                await using (var output = new FileStream(path, PrivateFiles.NewFile(FileMode.CreateNew, FileAccess.Write, FileShare.None)))
                {
                    var buffer = new byte[1 << 16];
                    int n;
                    while ((n = await entry.DataStream.ReadAsync(buffer, ct)) > 0)
                    {
                        sha.AppendData(buffer, 0, n);
                        await output.WriteAsync(buffer.AsMemory(0, n), ct);
                        size += n;
                    }
                    await output.FlushAsync(ct);
                    RandomAccess.FlushToDisk(output.SafeFileHandle);
                }
                if (!seen.TryAdd(entry.Name, new BackupEntry(entry.Name, size, Convert.ToHexStringLower(sha.GetHashAndReset()))))
                    throw new BackupException($"the archive holds {entry.Name} twice");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new BackupException($"the archive is corrupt ({ex.Message})");
        }
        catch (EndOfStreamException)
        {
            throw new BackupException("the archive is truncated");
        }
        if (manifest is null) throw new BackupException("the archive has no manifest.json (not a Parley backup, or truncated)");
        if (manifest.Format != BackupManifest.CurrentFormat) throw new BackupException($"archive format {manifest.Format} is not supported by this version (supports {BackupManifest.CurrentFormat})");
        if (manifest.SchemaVersion > Migrations.Latest)
            throw new BackupException($"the backup's schema version {manifest.SchemaVersion} is newer than this binary's ({Migrations.Latest}); restore with Parley {manifest.ParleyVersion} or newer");
        foreach (var expected in manifest.Entries)
        {
            if (!seen.Remove(expected.Path, out var actual)) throw new BackupException($"the archive lacks {expected.Path}, which its manifest lists");
            if (actual.Size != expected.Size || !string.Equals(actual.Sha256, expected.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new BackupException($"checksum mismatch for {expected.Path}: the archive is corrupt");
        }
        if (seen.Count > 0) throw new BackupException($"the archive holds {seen.Keys.First()}, which its manifest does not list");
        return manifest;
    }

    /// <summary>Entry names stay inside the target folder (no rooted paths, no "..").</summary>
    private static string SafePath(string target, string name)
    {
        var path = Path.GetFullPath(Path.Combine(target, name));
        if (Path.IsPathRooted(name) || !path.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new BackupException($"the archive holds an entry outside the data folder: {name}");
        return path;
    }

    private static void CheckSqlite(string path)
    {
        if (!File.Exists(path)) throw new BackupException("the archive holds no parley.db");
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        if (cmd.ExecuteScalar() as string != "ok") throw new BackupException("the restored database fails its integrity check");
    }

    private static async Task PgRestoreAsync(string dump, IConfiguration configuration, CancellationToken ct)
    {
        if (!File.Exists(dump)) throw new BackupException("the archive holds no parley.pgdump");
        var cs = configuration.GetConnectionString(Database.ConnectionStringName)
            ?? throw new BackupException($"this is a PostgreSQL backup: set ConnectionStrings:{Database.ConnectionStringName} to an empty database to restore into");
        await using (var c = new Npgsql.NpgsqlConnection(cs))
        {
            await c.OpenAsync(ct);
            await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", c);
            if ((long)(await cmd.ExecuteScalarAsync(ct))! > 0)
                throw new BackupException($"the database '{c.Database}' is not empty (restore only into a new, empty database)");
        }
        var psi = BackupService.PgTool("pg_restore", configuration);
        foreach (var a in new[] { "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", psi.Environment["PGDATABASE"]!, dump })
            psi.ArgumentList.Add(a);
        await BackupService.RunAsync(psi, ct);
        File.Delete(dump);
    }
}
