using Parley.Contracts;
using Parley.Server.Cluster;
using Parley.Server.Features.Files;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.Export;

/// <summary>
/// Writes queued exports (e-discovery and personal data, by the row's kind), one at a time per node: claims one (or one whose node stopped beating for two minutes),
/// writes the zip into the upload staging folder, stores it in the blob store (so any node can serve the download)
/// and marks it done, or failed with the reason.
/// </summary>
public sealed class ExportWorker(
    Database database, WriteQueue writer, ExportWriter exports, PersonalData.PersonalExportWriter personal, IBlobStore blobs, FileService files, ClusterOptions cluster, ExportSignal signal,
    ILogger<ExportWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var staleBefore = DateTimeOffset.UtcNow.Add(-Stale).ToUnixTimeMilliseconds();
                bool any;
                await using (var c = await database.OpenAsync(stoppingToken)) any = await ExportStore.AnyClaimableAsync(c, staleBefore);
                var claimed = any ? await writer.ExecuteAsync(w => ExportStore.Claim(w, cluster.NodeId, staleBefore)) : null;
                if (claimed is not null)
                {
                    await RunAsync(claimed, stoppingToken);
                    continue; // there may be more waiting
                }
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The export worker failed; it tries again shortly");
                try { await Task.Delay(Poll, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task RunAsync(ExportStore.Row export, CancellationToken stoppingToken)
    {
        var node = cluster.NodeId;
        var path = Path.Combine(files.StagingDirectory, "export-" + FileService.NewKey() + ".zip");
        try
        {
            ExportWriter.Result result;
            Func<long, long, long, Task<bool>> progress = (total, messages, fileCount) =>
                writer.ExecuteAsync(w => ExportStore.Beat(w, export.Id, node, total, messages, fileCount));
            await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                result = export.Kind == ExportKinds.Personal
                    ? await personal.WriteAsync(export, output, progress, stoppingToken)
                    : await exports.WriteAsync(export, output, progress, stoppingToken);
            var bytes = new FileInfo(path).Length;
            var key = FileService.NewKey();
            await blobs.PutFileAsync(key, path, "application/zip", stoppingToken);
            if (!await writer.ExecuteAsync(w => ExportStore.Finish(w, export.Id, node, ExportStatuses.Done, key, bytes, null)))
                await blobs.DeleteAsync(key, CancellationToken.None); // another node finished it meanwhile
            logger.LogInformation("Export {Id} written: {Messages} messages, {Files} files, {Bytes} bytes", export.Id, result.Messages, result.Files, bytes);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the export stays running without a heartbeat, and a node takes it over when it is stale.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Export {Id} failed", export.Id);
            await writer.ExecuteAsync(w => ExportStore.Finish(w, export.Id, node, ExportStatuses.Failed, null, 0, "The export could not be written; see the server log."));
        }
        finally
        {
            FileService.TryDelete(path);
        }
    }
}
