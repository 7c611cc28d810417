using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Files;

public sealed class FileRecord
{
    public long Id { get; init; }
    public long UploaderId { get; init; }
    public string Name { get; init; } = "";
    public long Size { get; init; }
    public string ContentType { get; init; } = "";
    public string BlobKey { get; init; } = "";
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string? ThumbKey { get; init; }
    public string? ThumbType { get; init; }
    public long ThumbSize { get; init; }
    public long? ConversationId { get; init; }
    public long? MessageId { get; init; }
    public long CreatedAt { get; init; }

    public FileDto ToDto() => new(Id, Name, Size, ContentType, Width, Height, ThumbKey is not null, UploaderId, ConversationId, MessageId, UnixMs.To(CreatedAt));
}

public sealed class UploadRecord
{
    public string Id { get; init; } = "";
    public long UserId { get; init; }
    public string Name { get; init; } = "";
    public long Size { get; init; }
    public string DeclaredType { get; init; } = "";
    public long CreatedAt { get; init; }
}
