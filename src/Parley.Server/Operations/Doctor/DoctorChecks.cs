using Dapper;
using Microsoft.Extensions.Options;
using Parley.Server.Cluster;
using Parley.Server.Features.Files;
using Parley.Server.Storage;

namespace Parley.Server.Operations.Doctor;

public enum CheckStatus { Ok, Warn, Fail }

public sealed record CheckResult(CheckStatus Status, string Name, string Detail);

/// <summary>
/// What `parley doctor` checks before an upgrade or after a move: configuration, data folder, disk space, the
/// database's schema against this binary, and every configured dependency (PostgreSQL, Redis, S3). Nothing is changed:
/// no migration runs and, on SQLite, no database is created where none exists.
/// </summary>
public static class DoctorChecks
{
    /// <summary>Below this the writer risks "disk full" (a failed commit acknowledges nothing): fail.</summary>
    public const long MinFreeBytes = 1L << 30;

    public static async Task<IReadOnlyList<CheckResult>> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var results = new List<CheckResult>();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            results.Add(new(CheckStatus.Ok, "configuration", "every option section is valid"));
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures) results.Add(new(CheckStatus.Fail, "configuration", failure));
        }

        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var data = Path.GetFullPath(storage.DataDirectory);
        results.Add(DataFolder(data));
        results.Add(Disk(data));

        var provider = Database.Parse(storage.Provider);
        var sqlite = Path.Combine(data, "parley.db");
        if (provider == StorageProvider.Sqlite && !File.Exists(sqlite))
            results.Add(new(CheckStatus.Warn, "database", $"no database yet at {sqlite}: the first start creates one at schema {Migrations.Latest}"));
        else
            results.Add(await SchemaAsync(services.GetRequiredService<Database>(), ct));

        if (services.GetRequiredService<ClusterOptions>().Enabled) results.Add(await RedisAsync(services, ct));
        var files = services.GetRequiredService<IOptions<FilesOptions>>().Value;
        if (files.Provider.Equals("S3", StringComparison.OrdinalIgnoreCase)) results.Add(await S3Async(services, ct));
        if (provider == StorageProvider.Postgres) results.Add(PgDump());
        return results;
    }

    private static CheckResult DataFolder(string data)
    {
        try
        {
            Directory.CreateDirectory(data);
            var probe = Path.Combine(data, ".doctor-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(probe, "probe");
            File.Delete(probe);
            return new(CheckStatus.Ok, "data folder", $"{data} is writable");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(CheckStatus.Fail, "data folder", $"{data} is not writable: {ex.Message}");
        }
    }

    private static CheckResult Disk(string data)
    {
        var drive = new DriveInfo(data);
        var free = drive.AvailableFreeSpace;
        var share = drive.TotalSize > 0 ? (double)free / drive.TotalSize : 1;
        var text = $"{free / (1024.0 * 1024 * 1024):0.0} GiB free ({share:P0}) where the data folder is";
        return free < MinFreeBytes ? new(CheckStatus.Fail, "disk", text + ": below 1 GiB, writes will fail")
            : share < 0.10 ? new(CheckStatus.Warn, "disk", text + ": below 10 %")
            : new(CheckStatus.Ok, "disk", text);
    }

    private static async Task<CheckResult> SchemaAsync(Database database, CancellationToken ct)
    {
        try
        {
            await using var c = await database.OpenAsync(ct);
            await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: ct));
            var version = Migrations.CurrentVersion(c);
            var latest = Migrations.Latest;
            return version == latest ? new(CheckStatus.Ok, "schema", $"{database.Description} at schema {version}, as this binary expects")
                : version < latest ? new(CheckStatus.Warn, "schema", $"{database.Description} at schema {version}; this binary migrates it to {latest} when it starts (or run `parley migrate`)")
                : new(CheckStatus.Fail, "schema", $"{database.Description} at schema {version} is newer than this binary ({latest}): it was upgraded by a later version; run that version");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return new(CheckStatus.Fail, "database", $"{database.Description} does not answer: {ex.Message}");
        }
    }

    private static async Task<CheckResult> RedisAsync(IServiceProvider services, CancellationToken ct)
    {
        try
        {
            var redis = services.GetRequiredService<RedisConnection>();
            var latency = await redis.Db.PingAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
            return new(CheckStatus.Ok, "redis", $"answers in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new(CheckStatus.Fail, "redis", $"does not answer: {ex.Message}");
        }
    }

    private static async Task<CheckResult> S3Async(IServiceProvider services, CancellationToken ct)
    {
        try
        {
            // Reading a key that does not exist answers "not found" (null) from a reachable bucket and throws otherwise.
            await using var none = await services.GetRequiredService<IBlobStore>().OpenReadAsync("doctor-probe-" + Guid.NewGuid().ToString("N"), 0, 1, ct);
            return new(CheckStatus.Ok, "s3", "the bucket answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new(CheckStatus.Fail, "s3", $"the bucket does not answer: {ex.Message}");
        }
    }

    private static CheckResult PgDump()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(p => File.Exists(Path.Combine(p, "pg_dump")));
        return found ? new(CheckStatus.Ok, "pg_dump", "on PATH (parley backup uses it)")
            : new(CheckStatus.Warn, "pg_dump", "not on PATH: `parley backup` needs it (Debian: postgresql-client)");
    }
}
