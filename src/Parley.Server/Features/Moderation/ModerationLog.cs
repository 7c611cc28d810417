namespace Parley.Server.Features.Moderation;

internal static partial class ModerationLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Compiling the sensitive-word rules after a change failed; the next screened text compiles them again")]
    public static partial void ReloadFailed(ILogger logger, Exception ex);
}
