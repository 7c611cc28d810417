using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Realtime;
using Parley.Server.Storage;

namespace Parley.Server.Operations.Metrics;

/// <summary>
/// Values read when Prometheus scrapes rather than kept up to date on every change: the writer's queue depth, hub
/// connections, durable subscribers' lag, stored file bytes, and whether the database and Redis answer. A scrape every
/// 15 s costs a few small queries; the hot paths pay nothing. A probe that fails leaves its old value and is counted.
/// </summary>
public sealed class ScrapeProbes(
    ParleyMetrics metrics, WriteQueue writer, ConnectionRegistry connections, HealthCheckService health,
    SubscriberCursors cursors, EventReader reader, Database database, ILogger<ScrapeProbes> logger)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>Called by the /metrics endpoint before it exports (one scrape, one refresh).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        metrics.WriterQueueDepth.Set(writer.Depth);
        metrics.HubConnections.Set(connections.Total);
        metrics.HubConnectionsOpened.IncTo(connections.Opened);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Budget);
        await Probe("health", () => HealthAsync(cts.Token));
        await Probe("subscribers", () => SubscribersAsync(cts.Token));
        await Probe("files", () => FilesAsync(cts.Token));
    }

    private async Task Probe(string name, Func<Task> probe)
    {
        try
        {
            await probe();
        }
        catch (Exception ex)
        {
            metrics.ScrapeErrors.WithLabels(name).Inc();
            logger.LogDebug(ex, "Scrape probe {Probe} failed", name);
        }
    }

    private async Task HealthAsync(CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), ct);
        foreach (var (name, entry) in report.Entries)
            metrics.DependencyUp.WithLabels(name).Set(entry.Status == HealthStatus.Healthy ? 1 : 0);
    }

    private async Task SubscribersAsync(CancellationToken ct)
    {
        foreach (var r in await cursors.ListAsync())
        {
            ct.ThrowIfCancellationRequested();
            var lag = await reader.LagAsync(r.Stream, new LogPosition(r.PositionTx, r.PositionId), SubscribersApi.LagCap);
            metrics.SubscriberLag.WithLabels(r.Name, r.Stream).Set(lag);
            metrics.SubscriberFailures.WithLabels(r.Name).Set(r.Failures);
        }
    }

    private async Task FilesAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var (count, bytes) = await c.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "SELECT count(*), coalesce(sum(size + coalesce(thumb_size, 0)), 0) FROM files", cancellationToken: ct));
        metrics.Files.Set(count);
        metrics.FileBytes.Set(bytes);
    }
}
