using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Files;

/// <summary>
/// The resumable upload protocol (docs/files.md): create, append at an offset, ask for the offset, complete.
/// The bytes received so far are the staging file's length, so whatever arrived before a dropped
/// connection counts and the client resumes from the offset the server reports.
/// </summary>
public sealed class UploadService(
    FileService files, FileStore store, WriteQueue writer, UploadLocks locks, IOptions<FilesOptions> options, ILogger<UploadService> logger)
{
    private FilesOptions O => options.Value;

    private string PartPath(string id) => Path.Combine(files.StagingDirectory, id + ".part");

    public async Task<UploadDto> CreateAsync(long userId, CreateUploadRequest request)
    {
        var accepted = await files.AcceptAsync(userId, request.Name, request.ContentType, request.Size);
        await files.PrecheckQuotaAsync(userId, request.Size);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        PrivateFiles.CreateEmpty(PartPath(id));
        try
        {
            await writer.ExecuteAsync(w =>
            {
                // The declared size is reserved here, atomically with the row: the precheck above only refuses early.
                files.ReserveQuota(w, userId, request.Size);
                FileStore.InsertUpload(w, id, userId, accepted.Name, request.Size, accepted.DeclaredType);
                accepted.Screened.RecordFlags(w, null);
                return 0;
            });
        }
        catch
        {
            FileService.TryDelete(PartPath(id));
            throw;
        }
        return ToDto((await store.FindUploadAsync(id))!, 0);
    }

    public async Task<UploadDto> GetAsync(long userId, string id)
    {
        var upload = await FindAsync(userId, id);
        return ToDto(upload, Received(id));
    }

    /// <summary>
    /// Appends the body at <paramref name="offset"/>, which must equal the bytes received so far. One request
    /// carries at most ChunkSize bytes and never more than the declared size.
    /// </summary>
    public async Task<UploadDto> AppendAsync(long userId, string id, long? offset, long? contentLength, Stream body, CancellationToken cancellationToken)
    {
        var upload = await FindAsync(userId, id);
        if (offset is not { } start || start < 0) throw ParleyException.Invalid("Upload-Offset", "Send the Upload-Offset header: the number of bytes already received (GET the upload to learn it).");
        using var _ = locks.Acquire(id);
        var path = PartPath(id);
        var received = Received(id);
        if (start != received)
            throw new ParleyException(409, ErrorCodes.UploadOffsetMismatch, $"The upload has {received} bytes; send from offset {received}.");
        var max = Math.Min(O.ChunkSize, upload.Size - received);
        if (contentLength > max)
            throw new ParleyException(413, ErrorCodes.FileTooLarge, $"At most {max} bytes may be sent in this request (chunk size {O.ChunkSize}, declared size {upload.Size}).");
        await using var file = new FileStream(path, PrivateFiles.NewFile(FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, useAsync: true));
        file.Seek(received, SeekOrigin.Begin);
        try
        {
            await files.CopyLimitedAsync(body, file, max, cancellationToken);
        }
        catch (ParleyException)
        {
            file.SetLength(received); // an over-long request is refused whole
            throw new ParleyException(413, ErrorCodes.FileTooLarge, $"At most {max} bytes may be sent in this request (chunk size {O.ChunkSize}, declared size {upload.Size}).");
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException { StatusCode: not 413 })
        {
            // The connection dropped mid-chunk. Keep what arrived: the client asks for the offset and resumes there.
            await file.FlushAsync(CancellationToken.None);
            FilesLog.ChunkInterrupted(logger, id, file.Length);
            return ToDto(upload, file.Length);
        }
        catch (BadHttpRequestException)
        {
            // Only Kestrel's 413 is left here (a chunked body past the per-request limit).
            file.SetLength(received);
            throw new ParleyException(413, ErrorCodes.FileTooLarge, $"At most {max} bytes may be sent in this request (chunk size {O.ChunkSize}).");
        }
        // Flushed to disk before we acknowledge the offset: an acknowledged chunk survives a crash. .NET has no
        // asynchronous fsync; FlushToDisk is the fsync that Flush(flushToDisk: true) did, after the buffer is written.
        await file.FlushAsync(cancellationToken);
        RandomAccess.FlushToDisk(file.SafeFileHandle);
        return ToDto(upload, file.Length);
    }

    public async Task<FileDto> CompleteAsync(long userId, string id)
    {
        var upload = await FindAsync(userId, id);
        using var _ = locks.Acquire(id);
        var received = Received(id);
        if (received != upload.Size)
            throw new ParleyException(409, ErrorCodes.UploadIncomplete, $"The upload has {received} of {upload.Size} bytes; send the rest first.");
        await files.PrecheckQuotaAsync(userId, upload.Size, excludingUploadId: id);
        try
        {
            return await files.FinishAsync(userId, PartPath(id), upload.Name, upload.Size, uploadId: id);
        }
        catch
        {
            // Storing consumed the bytes (moved or deleted), so the upload cannot be completed again: drop it
            // rather than leave a session that claims an offset it no longer has.
            try { await RemoveAsync(id); } catch (Exception) { /* the janitor removes it later; report the original error */ }
            throw;
        }
        finally
        {
            FileService.TryDelete(PartPath(id));
        }
    }

    public async Task CancelAsync(long userId, string id)
    {
        await FindAsync(userId, id);
        using var _ = locks.Acquire(id);
        await RemoveAsync(id);
    }

    /// <summary>Drops an upload's row and bytes (cancel, or the janitor for abandoned ones).</summary>
    internal async Task RemoveAsync(string id)
    {
        await writer.ExecuteAsync(w =>
        {
            FileStore.DeleteUpload(w, id);
            return 0;
        });
        FileService.TryDelete(PartPath(id));
    }

    /// <summary>Someone else's upload id answers exactly like a missing one.</summary>
    private async Task<UploadRecord> FindAsync(long userId, string id)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower)) throw ParleyException.NotFound("The upload");
        var upload = await store.FindUploadAsync(id);
        if (upload is null || upload.UserId != userId) throw ParleyException.NotFound("The upload");
        return upload;
    }

    private long Received(string id)
    {
        var info = new FileInfo(PartPath(id));
        return info.Exists ? info.Length : 0;
    }

    private UploadDto ToDto(UploadRecord u, long offset) =>
        new(u.Id, u.Name, u.Size, offset, O.ChunkSize, UnixMs.To(u.CreatedAt) + O.OrphanAfter);
}
