using Microsoft.Extensions.Options;
using Parley.Server.Storage;

namespace Parley.Server.Features.Files;

/// <summary>
/// Background cleanup: uploads never sent in a message after OrphanAfter, abandoned resumable uploads, and
/// the bytes of files whose message was erased (policy Delete). Rows are hidden first (in the writer, so a
/// concurrent send cannot attach a file being purged), then bytes are deleted, then rows: a crash midway
/// leaves hidden rows to retry, never a visible row without bytes.
/// </summary>
public sealed class FileJanitor(
    FileStore store, IBlobStore blobs, WriteQueue writer, UploadService uploads, UploadLocks locks,
    IOptions<FilesOptions> options, TimeProvider time, ILogger<FileJanitor> logger) : BackgroundService
{
    private FilesOptions O => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(O.JanitorInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                FilesLog.JanitorFailed(logger, ex);
            }
        }
    }

    /// <summary>One pass; returns (files purged, uploads removed). Public for tests and an admin trigger.</summary>
    public async Task<(int Files, int Uploads)> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow().Add(-O.OrphanAfter).ToUnixTimeMilliseconds();
        await writer.ExecuteAsync(w => FileStore.HideOrphans(w, cutoff));

        var purged = new List<long>();
        foreach (var row in await store.PurgeableAsync(includeErasedMessages: O.OnMessageErased == ErasePolicies.Delete))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (row.ThumbKey is not null) await blobs.DeleteAsync(row.ThumbKey, cancellationToken);
                await blobs.DeleteAsync(row.BlobKey, cancellationToken);
                purged.Add(row.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                FilesLog.BlobDeleteFailed(logger, row.BlobKey, ex); // retried next pass
            }
        }
        if (purged.Count > 0)
        {
            await writer.ExecuteAsync(w =>
            {
                FileStore.DeleteRows(w, purged);
                return 0;
            });
        }

        var removed = 0;
        foreach (var upload in await store.UploadsCreatedBeforeAsync(cutoff))
        {
            using var held = locks.TryAcquire(upload.Id);
            if (held is null) continue; // being written right now: not abandoned
            await uploads.RemoveAsync(upload.Id);
            removed++;
        }
        if (purged.Count + removed > 0) FilesLog.Purged(logger, purged.Count, removed);
        return (purged.Count, removed);
    }
}
