namespace Parley.Server.Features.Push;

internal static partial class PushLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Push to subscription {SubscriptionId} failed: {Error}")]
    public static partial void DeliveryFailed(ILogger logger, long subscriptionId, string error);
}
