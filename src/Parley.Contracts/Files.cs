namespace Parley.Contracts;

/// <summary>
/// An uploaded file. <see cref="ContentType"/> is the type the server serves it with (never the uploader's
/// claim). Width and height are set for images; <see cref="MessageId"/> once it is sent in a message.
/// </summary>
public sealed record FileDto(
    long Id,
    string Name,
    long Size,
    string ContentType,
    int? Width,
    int? Height,
    bool HasThumbnail,
    long UploaderId,
    long? ConversationId,
    long? MessageId,
    DateTimeOffset CreatedAt);

/// <summary>Starts a resumable upload (docs/files.md).</summary>
public sealed record CreateUploadRequest(string? Name, long Size, string? ContentType);

/// <summary>A resumable upload: send bytes from <see cref="Offset"/> in pieces of at most <see cref="ChunkSize"/>.</summary>
public sealed record UploadDto(string UploadId, string Name, long Size, long Offset, int ChunkSize, DateTimeOffset ExpiresAt);
