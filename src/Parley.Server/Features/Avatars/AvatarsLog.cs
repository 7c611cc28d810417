namespace Parley.Server.Features.Avatars;

internal static partial class AvatarsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the avatar blobs {Key}")]
    public static partial void BlobDeleteFailed(ILogger logger, string key, Exception exception);
}
