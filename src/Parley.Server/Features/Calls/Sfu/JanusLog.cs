namespace Parley.Server.Features.Calls.Sfu;

internal static partial class JanusLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Janus request {Request} failed: {Error}")]
    public static partial void RequestFailed(ILogger logger, string request, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Janus session {SessionId} opened")]
    public static partial void SessionOpened(ILogger logger, long sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Janus room {RoomId} created for call {CallId}")]
    public static partial void RoomCreated(ILogger logger, long roomId, long callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Janus room {RoomId} destroyed")]
    public static partial void RoomDestroyed(ILogger logger, long roomId);
}
