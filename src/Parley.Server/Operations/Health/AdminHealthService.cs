using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Cluster;
using Parley.Server.Features.Files;
using Parley.Server.Operations.Metrics;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Realtime;
using Parley.Server.Storage;

namespace Parley.Server.Operations.Health;

/// <summary>Assembles GET /api/v1/admin/health from what this node knows; each part degrades to an error, never a 500.</summary>
public sealed class AdminHealthService(
    Database database, NodeStatus nodes, WriteQueue writer, ParleyMetrics metrics, RecentErrors errors, SubscriberCursors cursors,
    EventReader reader, ClusterOptions cluster, IServiceProvider services, IOptions<StorageOptions> storage, IOptions<FilesOptions> files, TimeProvider time)
{
    public async Task<AdminHealthDto> CheckAsync(CancellationToken ct)
    {
        var (db, fileCount, fileBytes) = await DatabaseAsync(ct);
        IReadOnlyList<SubscriberStatusDto> subscribers;
        try { subscribers = await SubscribersApi.StatusAsync(cursors, reader); }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException) { subscribers = []; }
        var data = Path.GetFullPath(storage.Value.DataDirectory);
        DriveInfo? drive = null;
        try { drive = new DriveInfo(data); _ = drive.TotalSize; }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException) { drive = null; }
        var commits = (long)metrics.BatchSize.Count;
        return new AdminHealthDto(
            time.GetUtcNow(), nodes.NodeId, await nodes.AllAsync(), db, await RedisAsync(),
            new StorageHealthDto(files.Value.Provider, fileCount, fileBytes, drive?.AvailableFreeSpace, drive?.TotalSize),
            new WriterHealthDto(writer.Depth, commits, commits == 0 ? 0 : metrics.BatchSize.Sum / commits,
                commits == 0 ? 0 : metrics.CommitSeconds.Sum * 1000 / metrics.CommitSeconds.Count, (long)metrics.CommitFailures.Value),
            subscribers, errors.Newest());
    }

    private async Task<(DatabaseHealthDto, long Files, long Bytes)> DatabaseAsync(CancellationToken ct)
    {
        var provider = database.Provider.ToString();
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var c = await database.OpenAsync(ct);
            await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: ct));
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var version = await c.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT max(version) FROM schema_version", cancellationToken: ct)) ?? 0;
            var (count, bytes) = await c.QuerySingleAsync<(long, long)>(new CommandDefinition(
                "SELECT count(*), coalesce(sum(size + coalesce(thumb_size, 0)), 0) FROM files", cancellationToken: ct));
            return (new DatabaseHealthDto(provider, true, version, Migrations.Latest, Math.Round(latency, 2), null), count, bytes);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return (new DatabaseHealthDto(provider, false, 0, Migrations.Latest, 0, ex.Message), 0, 0);
        }
    }

    private async Task<RedisHealthDto> RedisAsync()
    {
        if (!cluster.Enabled) return new RedisHealthDto(false, false, null, null);
        try
        {
            var latency = await services.GetRequiredService<RedisConnection>().Db.PingAsync().WaitAsync(TimeSpan.FromSeconds(3));
            return new RedisHealthDto(true, true, Math.Round(latency.TotalMilliseconds, 2), null);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new RedisHealthDto(true, false, null, ex.Message);
        }
    }
}
