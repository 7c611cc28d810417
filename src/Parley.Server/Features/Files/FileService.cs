using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Files.Scanning;
using Parley.Server.Platform;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Files;

/// <summary>
/// File rules: what may be uploaded (name, type, size, quota), how a finished upload becomes a stored file,
/// and who may read one. Order of a store: bytes to the blob store first, then the metadata row through the
/// writer; a rejected upload leaves no row, and a failed row removes its bytes again.
/// </summary>
public sealed class FileService(
    FileStore store, IBlobStore blobs, WriteQueue writer, ConversationService conversations,
    IOptionsMonitor<FilesOptions> options, IOptions<StorageOptions> storage, FilesMetrics metrics, TextPipeline pipeline,
    IMalwareScanner scanner, ILogger<FileService> logger) : IDisposable
{
    private FilesOptions O => options.CurrentValue;

    /// <summary>Bounds thumbnail work: at most ThumbnailConcurrency images are decoded at once (the rest wait).</summary>
    private readonly SemaphoreSlim _thumbnails = new(options.CurrentValue.ThumbnailConcurrency);

    /// <summary>Where upload bodies are written before they are stored; under the data folder so a local store can rename.</summary>
    public string StagingDirectory { get; } = PrivateFiles.CreateDirectory(Path.Combine(storage.Value.DataDirectory, "uploads")).FullName;

    /// <summary>An upload that may start: its name as it will be stored (after the content filters) and the flags to record with it.</summary>
    public sealed record Accepted(string Name, string DeclaredType, ScreenedText Screened);

    /// <summary>
    /// Name, type and (when known) size checks, before any byte is read; then the name, which others will see, passes
    /// the content filters (a file belongs to no conversation until it is sent).
    /// </summary>
    public async Task<Accepted> AcceptAsync(long userId, string? rawName, string? declaredType, long? size)
    {
        var (name, declared) = Check(rawName, declaredType, size);
        var screened = await pipeline.ScreenAsync(new TextCandidate(TextKind.FileName, name, userId, 0));
        return new Accepted(screened.Text, declared, screened);
    }

    private (string Name, string DeclaredType) Check(string? rawName, string? declaredType, long? size)
    {
        var name = FileNames.Sanitize(rawName, O.MaxNameLength);
        var ext = FileNames.Extension(name);
        var declared = ContentTypes.Normalize(declaredType);
        var blockedExt = O.BlockedExtensions ?? FilesOptions.DefaultBlockedExtensions;
        if (blockedExt.Contains(ext, StringComparer.OrdinalIgnoreCase)
            || (O.AllowedExtensions is { Length: > 0 } allowed && !allowed.Contains(ext, StringComparer.OrdinalIgnoreCase)))
            throw new ParleyException(415, ErrorCodes.FileTypeBlocked, $"Files of type '.{ext}' are not accepted here.");
        var blockedTypes = O.BlockedContentTypes ?? FilesOptions.DefaultBlockedContentTypes;
        if ((declared.Length > 0 && blockedTypes.Any(t => declared.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
            || (O.AllowedContentTypes is { Length: > 0 } allowedTypes && !allowedTypes.Any(t => declared.StartsWith(t, StringComparison.OrdinalIgnoreCase))))
            throw new ParleyException(415, ErrorCodes.FileTypeBlocked, $"Files of type '{(declared.Length > 0 ? declared : "unknown")}' are not accepted here.");
        if (size is { } s)
        {
            if (s < 0) throw ParleyException.Invalid("size", "size must not be negative.");
            if (s > O.MaxFileSize) throw TooLarge();
        }
        return (name, declared);
    }

    public ParleyException TooLarge() => new(413, ErrorCodes.FileTooLarge, $"The file exceeds the limit of {O.MaxFileSize:N0} bytes.");

    /// <summary>Read-only quota check, to refuse early; the authoritative check is <see cref="ReserveQuota"/>, inside the write.</summary>
    public async Task PrecheckQuotaAsync(long userId, long size, string? excludingUploadId = null) => CheckQuota(await store.UsageOfAsync(userId, excludingUploadId), size);

    /// <summary>
    /// The authoritative check, inside the writer's transaction and before the row that takes the bytes (a file, or an
    /// upload's declared size) is inserted: a 413 rolls the operation back. Correct across nodes (<see cref="FileStore.LockQuota"/>).
    /// </summary>
    internal void ReserveQuota(WriteContext w, long userId, long size)
    {
        FileStore.LockQuota(w, userId, global: O.GlobalQuota > 0);
        CheckQuota(FileStore.UsageOf(w.Connection, w.Transaction, userId, null), size);
    }

    private void CheckQuota(FileStore.Usage usage, long size)
    {
        if (O.UserQuota > 0 && usage.UserBytes + size > O.UserQuota)
            throw new ParleyException(413, ErrorCodes.QuotaExceeded, $"This would exceed your storage quota of {O.UserQuota:N0} bytes ({usage.UserBytes:N0} used).");
        if (O.GlobalQuota > 0 && usage.GlobalBytes + size > O.GlobalQuota)
            throw new ParleyException(413, ErrorCodes.QuotaExceeded, "The server's file storage is full; ask an administrator.");
    }

    /// <summary>A whole file in one request body (the multipart upload).</summary>
    public async Task<FileDto> StoreAsync(long userId, string? rawName, string? declaredType, Stream body, CancellationToken cancellationToken)
    {
        var accepted = await AcceptAsync(userId, rawName, declaredType, null);
        await PrecheckQuotaAsync(userId, 0);
        var path = Path.Combine(StagingDirectory, "tmp-" + NewKey());
        try
        {
            long size;
            await using (var file = new FileStream(path, PrivateFiles.NewFile(FileMode.CreateNew, FileAccess.Write, FileShare.None, useAsync: true)))
            {
                try
                {
                    size = await CopyLimitedAsync(body, file, O.MaxFileSize, cancellationToken);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    throw TooLarge(); // Kestrel's per-request limit tripped first: same answer, same code
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
                {
                    // The client went away mid-body; a single-request upload cannot resume, so nothing is kept.
                    throw new ParleyException(400, ErrorCodes.ValidationFailed, "The upload was interrupted; send it again, or use a resumable upload for large files.");
                }
            }
            await PrecheckQuotaAsync(userId, size);
            var stored = await FinishAsync(userId, path, accepted.Name, size, uploadId: null);
            if (accepted.Screened.Flags.Count > 0) await writer.ExecuteAsync(w => { accepted.Screened.RecordFlags(w, null); return 0; });
            return stored;
        }
        finally
        {
            TryDelete(path);
        }
    }

    /// <summary>
    /// Malware scan of a complete upload, before its bytes reach the store or anyone else: an infected file is moved to
    /// the quarantine folder (for the administrator), recorded as <c>file.quarantined</c>, and refused (422
    /// <c>file_infected</c>). Without a verdict the upload is refused (503) unless Scan:FailClosed is off.
    /// </summary>
    private async Task ScanAsync(long userId, string path, string name, long size)
    {
        if (!scanner.Enabled) return;
        switch (await scanner.ScanAsync(path, CancellationToken.None))
        {
            case ScanVerdict.Infected infected:
                var folder = PrivateFiles.CreateDirectory(Path.IsPathRooted(O.Scan.QuarantinePath)
                    ? O.Scan.QuarantinePath
                    : Path.Combine(storage.Value.DataDirectory, O.Scan.QuarantinePath)).FullName;
                var kept = Path.Combine(folder, $"{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{NewKey()}.quarantined");
                File.Move(path, kept);
                await writer.ExecuteAsync(w => SystemLog.Append(w, Actor.OfUser(userId), SystemEventTypes.FileQuarantined, userId,
                    new { name, size, signature = infected.Signature, file = Path.GetFileName(kept) }));
                FilesLog.Quarantined(logger, name, userId, infected.Signature, kept);
                throw new ParleyException(422, ErrorCodes.FileInfected,
                    $"The file contains malware ({infected.Signature}) and was not stored. Your administrator has been told.");
            case ScanVerdict.Failed failed when O.Scan.FailClosed:
                FilesLog.ScanFailed(logger, name, failed.Reason);
                throw new ParleyException(503, ErrorCodes.ScanUnavailable, "Uploads are checked for malware, and the scanner is not answering. Try again in a few minutes.");
            case ScanVerdict.Failed failed:
                FilesLog.ScanFailed(logger, name, failed.Reason);
                break;
        }
    }

    /// <summary>Copies at most <paramref name="max"/> bytes; more is a 413 file_too_large (<paramref name="tooLarge"/> says why).</summary>
    internal async Task<long> CopyLimitedAsync(Stream source, Stream target, long max, CancellationToken cancellationToken, Func<ParleyException>? tooLarge = null)
    {
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (total + n > max) throw (tooLarge ?? TooLarge)();
            await target.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            total += n;
        }
        return total;
    }

    /// <summary>
    /// Turns a complete staging file into a stored file: probe (dimensions, thumbnail, served type), bytes to
    /// the blob store, then the row, with the quota checked again inside the write. For a resumable upload
    /// the upload's row goes in the same write.
    /// </summary>
    internal async Task<FileDto> FinishAsync(long userId, string path, string name, long size, string? uploadId)
    {
        await ScanAsync(userId, path, name, size);
        var image = await ProbeAsync(path, name);
        var contentType = ContentTypes.ForServing(FileNames.Extension(name), image?.ContentType);
        var key = NewKey();
        var thumbKey = image?.ThumbnailPath is null ? null : key + "-thumb";
        try
        {
            if (thumbKey is not null) await blobs.PutFileAsync(thumbKey, image!.ThumbnailPath!, image.ThumbnailType!, CancellationToken.None);
            await blobs.PutFileAsync(key, path, contentType, CancellationToken.None);
            var record = await writer.ExecuteAsync(w =>
            {
                if (uploadId is not null) FileStore.DeleteUpload(w, uploadId);
                ReserveQuota(w, userId, size);
                var id = FileStore.Insert(w, userId, name, size, contentType, key, image?.Width, image?.Height, thumbKey, image?.ThumbnailType, thumbKey is null ? null : image!.ThumbnailBytes);
                return FileStore.Get(w, id);
            });
            return record.ToDto();
        }
        catch
        {
            await DeleteBlobsAsync(key, thumbKey);
            throw;
        }
        finally
        {
            if (image?.ThumbnailPath is { } thumbPath) TryDelete(thumbPath);
        }
    }

    private async Task<ImageInfo?> ProbeAsync(string path, string name)
    {
        try
        {
            var image = await DecodingAsync(() => ImageProbe.Probe(path, O.MaxImagePixels, O.ThumbnailSize, O.MaxThumbnailDecodeBytes));
            if (image is { DecodeBytes: > 0 }) metrics.DecodeBytes.Record(image.DecodeBytes);
            return image;
        }
        catch (ParleyException) { throw; }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            FilesLog.ProbeFailed(logger, name, ex); // a file Skia cannot read is stored as a plain file
            return null;
        }
    }

    /// <summary>
    /// Runs image decoding inside the node's bound (ThumbnailConcurrency): thumbnails and avatars share it, so a burst of
    /// avatar uploads cannot decode more images at once than a burst of file uploads could.
    /// </summary>
    internal async Task<T> DecodingAsync<T>(Func<T> work)
    {
        await _thumbnails.WaitAsync();
        metrics.Active.Add(1);
        try
        {
            return work();
        }
        finally
        {
            metrics.Active.Add(-1);
            _thumbnails.Release();
        }
    }

    internal async Task DeleteBlobsAsync(string key, string? thumbKey)
    {
        try
        {
            await blobs.DeleteAsync(key, CancellationToken.None);
            if (thumbKey is not null) await blobs.DeleteAsync(thumbKey, CancellationToken.None);
        }
        catch (Exception ex)
        {
            FilesLog.BlobDeleteFailed(logger, key, ex); // a leaked blob costs space, not correctness
        }
    }

    /// <summary>The file if the user may read it; 404 otherwise, the same answer for a guessed id as for a missing one.</summary>
    public async Task<FileRecord> ReadableAsync(long userId, long fileId) =>
        await store.FindVisibleAsync(fileId, userId) ?? throw ParleyException.NotFound("The file");

    public async Task<IReadOnlyList<FileDto>> ListAsync(long userId, long conversationId, string? query, long? beforeId, int? limit)
    {
        await conversations.RequireMemberAsync(userId, conversationId);
        if (query is { Length: > 200 }) throw ParleyException.Invalid("query", "query must be at most 200 characters.");
        return (await store.ListForConversationAsync(conversationId, string.IsNullOrWhiteSpace(query) ? null : query.Trim(), beforeId, Paging.Limit(limit)))
            .Select(f => f.ToDto()).ToList();
    }

    /// <summary>Opens the bytes of a readable file; a row whose blob vanished is logged and reported as not found.</summary>
    public async Task<Stream> OpenAsync(string key, long offset, long length, CancellationToken cancellationToken)
    {
        var stream = await blobs.OpenReadAsync(key, offset, length, cancellationToken);
        if (stream is null)
        {
            FilesLog.BlobMissing(logger, key);
            throw ParleyException.NotFound("The file");
        }
        return stream;
    }

    /// <summary>Random, unguessable, and free of user input: safe as a file name and an S3 key.</summary>
    internal static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    internal static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose() => _thumbnails.Dispose();
}
