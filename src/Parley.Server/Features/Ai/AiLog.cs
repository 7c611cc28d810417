namespace Parley.Server.Features.Ai;

internal static partial class AiLog
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Warning, Message = "The language model provider failed ({Feature})")]
    public static partial void ProviderFailed(ILogger logger, string feature, Exception exception);
}
