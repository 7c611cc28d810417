using System.CommandLine;
using Parley.Server.Operations.Backup;
using Parley.Server.Storage;

namespace Parley.Server.Hosting;

/// <summary>
/// `parley backup --output FILE [--data DIR]` and `parley restore --input FILE --data DIR` (issue 19). Exit 0 on
/// success, 2 with one line on a user error (missing or non-empty folder, corrupt archive, missing file), 1 when the
/// work itself fails (disk full, pg_dump error).
/// </summary>
public static class BackupCommands
{
    public static Command Backup()
    {
        var output = new Option<string>("--output") { Description = "Archive to write (tar.gz with manifest.json and SHA-256 checksums).", Required = true };
        var data = ParleyCli.DataOption();
        var cmd = new Command("backup", "Writes a consistent backup of the database and files while the server runs. Configuration overrides (--ConnectionStrings:Parley=…) are accepted.") { output, data };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction((parse, ct) => Guard("backup", async () =>
        {
            await using var app = ParleyCli.CreateHost([.. parse.UnmatchedTokens], parse.GetValue(data));
            var database = app.Services.GetRequiredService<Database>();
            var result = await ActivatorUtilities.CreateInstance<BackupService>(app.Services).CreateAsync(parse.GetValue(output)!, ct);
            var m = result.Manifest;
            Console.WriteLine($"Backup of {database.Description} (schema {m.SchemaVersion}) written to {result.Path}: {m.Entries.Count} entries, {result.Bytes:N0} bytes, {m.FilesReferenced} file blob(s) ({m.FileStore}).");
            if (m.FilesMissing.Count > 0)
                Console.WriteLine($"Warning: {m.FilesMissing.Count} blob(s) were erased after the database was copied and are not in the backup.");
        }, NoDatabaseYet(parse.GetValue(data))));
        return cmd;
    }

    public static Command Restore()
    {
        var input = new Option<string>("--input") { Description = "Archive written by `parley backup`.", Required = true };
        var data = new Option<string>("--data") { Description = "New or empty data folder to restore into.", Required = true };
        var cmd = new Command("restore", "Restores a backup into an empty data folder and verifies every checksum. For a PostgreSQL backup, ConnectionStrings:Parley must name an empty database.") { input, data };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction((parse, ct) => Guard("restore", async () =>
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine([.. parse.UnmatchedTokens]).Build();
            var m = await RestoreService.RestoreAsync(parse.GetValue(input)!, parse.GetValue(data)!, configuration, ct);
            Console.WriteLine($"Restored {m.Entries.Count} entries into {Path.GetFullPath(parse.GetValue(data)!)}; every checksum matches. Backup of {m.CreatedAt:u} ({m.Provider}, schema {m.SchemaVersion}, Parley {m.ParleyVersion}); start the server on this folder to migrate it if needed.");
        }));
        return cmd;
    }

    /// <summary>On SQLite, a data folder without a database is a user error, checked before the host would create one.</summary>
    private static Func<string?> NoDatabaseYet(string? dataOption) => () =>
    {
        if (Environment.GetEnvironmentVariable("Parley__Storage__Provider") is { } p && !p.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return null;
        var folder = dataOption ?? Environment.GetEnvironmentVariable("Parley__Storage__DataDirectory") ?? "data";
        var db = Path.GetFullPath(Path.Combine(folder, "parley.db"));
        return File.Exists(db) ? null : $"no database at {db} (is --data right?)";
    };

    private static async Task<int> Guard(string verb, Func<Task> work, Func<string?>? precondition = null)
    {
        try
        {
            if (precondition?.Invoke() is { } problem) throw new BackupException(problem);
            await work();
            return 0;
        }
        catch (BackupException ex)
        {
            await Console.Error.WriteLineAsync($"parley {verb}: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"parley {verb}: {ex.Message}");
            return 1;
        }
    }
}
