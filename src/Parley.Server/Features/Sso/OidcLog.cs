namespace Parley.Server.Features.Sso;

internal static partial class OidcLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on failed at the handshake: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, Exception? exception, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on refused: {Outcome} (link claim {Claim})")]
    public static partial void Refused(ILogger logger, string outcome, string claim);
}
