namespace Parley.Server.Features.Translation;

internal static partial class TranslationLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Translation of message {MessageId} into {Language} by {Provider} failed")]
    public static partial void Failed(ILogger logger, Exception exception, long messageId, string language, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} translated into {Language} by {Provider} ({Characters} characters sent)")]
    public static partial void Translated(ILogger logger, long messageId, string language, string provider, int characters);
}
