namespace Parley.Server.Features.Calls;

internal static partial class CallsLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Call {CallId} started in conversation {ConversationId} ({Topology}, {Participants} asked)")]
    public static partial void Started(ILogger logger, long callId, long conversationId, string topology, int participants);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Call {CallId} ended: {Outcome} after {DurationSeconds} s")]
    public static partial void Ended(ILogger logger, long callId, string outcome, int durationSeconds);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Call {CallId}: {Count} callee(s) missed it (ring timeout)")]
    public static partial void Missed(ILogger logger, long callId, int count);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Call {CallId}: participant {UserId} went silent and was dropped")]
    public static partial void Silent(ILogger logger, long callId, long userId);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Information, Message = "Call {CallId}: {UserId} left the conversation and was dropped from the call")]
    public static partial void Removed(ILogger logger, long callId, long userId);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "SFU request for call/room {Id} failed")]
    public static partial void SfuFailed(ILogger logger, long id, Exception exception);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Error, Message = "The call sweep failed; it tries again shortly")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
