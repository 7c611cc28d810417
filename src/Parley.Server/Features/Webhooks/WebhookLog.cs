namespace Parley.Server.Features.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed (attempt {Attempt}): {Error}")]
    public static partial void DeliveryFailed(ILogger logger, long deliveryId, long attempt, string error);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} is dead after {Attempt} attempts: {Error}")]
    public static partial void DeliveryDead(ILogger logger, long deliveryId, long attempt, string error);
}
