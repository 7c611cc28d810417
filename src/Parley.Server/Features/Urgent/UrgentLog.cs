namespace Parley.Server.Features.Urgent;

internal static partial class UrgentLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} by user {SenderId} is urgent for {Targets} more members")]
    public static partial void Requested(ILogger logger, long messageId, long senderId, int targets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalated urgent message {MessageId} for user {UserId}")]
    public static partial void Escalated(ILogger logger, long messageId, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation of urgent message {MessageId} for user {UserId} failed (attempt {Attempt})")]
    public static partial void EscalationFailed(ILogger logger, long messageId, long userId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Web Push for urgent message {MessageId} failed")]
    public static partial void PushFailed(ILogger logger, Exception exception, long messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Urgent escalation run failed; it runs again at the next poll")]
    public static partial void EscalationRunFailed(ILogger logger, Exception exception);
}
