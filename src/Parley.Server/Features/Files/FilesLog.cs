namespace Parley.Server.Features.Files;

internal static partial class FilesLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Image probe failed for {Name}; stored as a plain file")]
    public static partial void ProbeFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete blob {Key}")]
    public static partial void BlobDeleteFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "File row refers to blob {Key}, which the store does not have")]
    public static partial void BlobMissing(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {UploadId} interrupted; kept {Bytes} bytes for resumption")]
    public static partial void ChunkInterrupted(ILogger logger, string uploadId, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "File janitor purged {Files} files and {Uploads} abandoned uploads")]
    public static partial void Purged(ILogger logger, int files, int uploads);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File janitor run failed")]
    public static partial void JanitorFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Name} by user {UserId} is infected ({Signature}); quarantined as {QuarantineFile}")]
    public static partial void Quarantined(ILogger logger, string name, long userId, string signature, string quarantineFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Name} was not scanned: {Reason}")]
    public static partial void ScanFailed(ILogger logger, string name, string reason);
}
