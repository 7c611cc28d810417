using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Realtime;

/// <summary>
/// Around every hub call (issue 13): the connection's session must still be live (a connection whose session ended is
/// closed and its calls refused); calls other than sends are limited per connection (sends have their own per-user
/// limit); a client's mistake becomes a HubException with the stable code and is logged at Debug without a stack trace,
/// as REST does, while anything unexpected is logged once as an error.
/// </summary>
public sealed class HubGuard(ConnectionRegistry connections, IOptions<RealtimeOptions> options, ILogger<HubGuard> logger,
    Operations.Metrics.ParleyMetrics? metrics = null) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethodName;
        using var activity = Operations.Tracing.ParleyActivities.Hub.StartActivity("hub " + method);
        try
        {
            var connection = connections.Find(invocationContext.Context.ConnectionId);
            if (connection is null || connection.Closed || connection.ExpiresAtMs <= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
            {
                if (connection is null) invocationContext.Context.Abort();
                else connection.Close();
                throw new ParleyException(401, ErrorCodes.Unauthenticated, "The session has ended; sign in again.");
            }
            if (connection.Scope is { ConversationId: { } only } && !ScopedCallAllowed(method, invocationContext.HubMethodArguments, only))
                throw new ParleyException(403, ErrorCodes.ScopeDenied, "This session is limited to one conversation.");
            if (method is not (HubNames.Send or HubNames.SendMessage)) TakeCall(connection);
            return await next(invocationContext);
        }
        catch (ParleyException ex)
        {
            HubGuardLog.Refused(logger, method, ex.Code);
            metrics?.Error(ex.Code, "hub");
            activity?.SetTag("parley.error.code", ex.Code);
            throw new HubException($"{ex.Code}: {ex.Message}");
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception ex)
        {
            HubGuardLog.Failed(logger, ex, method);
            metrics?.Error(ErrorCodes.Internal, "hub");
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>
    /// A session limited to one conversation may call <c>Hello</c> and the methods whose first argument is a
    /// conversation id, for its own conversation only; every other method (presence included) is refused.
    /// </summary>
    internal static bool ScopedCallAllowed(string method, IReadOnlyList<object?> arguments, long conversationId) => method switch
    {
        nameof(ParleyHub.Hello) => true,
        nameof(ParleyHub.SendMessage) or nameof(ParleyHub.Send) or nameof(ParleyHub.Typing) or nameof(ParleyHub.MarkRead) =>
            arguments.Count > 0 && arguments[0] is long id && id == conversationId,
        _ => false,
    };

    private void TakeCall(LiveConnection connection)
    {
        // The counter lives on the connection (gone with it), in the same fixed windows as the shared rate counters.
        var limit = options.Value.CallsPerSecond;
        var (window, remaining) = RateWindow.Now(TimeSpan.FromSeconds(1));
        lock (connection)
        {
            if (connection.CallWindow != window)
            {
                connection.CallWindow = window;
                connection.CallsInWindow = 0;
            }
            if (++connection.CallsInWindow > limit)
                throw new ParleyException(429, ErrorCodes.RateLimited, $"At most {limit} calls per second on one connection (sends aside); slow down.", remaining);
        }
    }
}

internal static partial class HubGuardLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Hub call {Method} refused: {Code}")]
    public static partial void Refused(ILogger logger, string method, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} failed")]
    public static partial void Failed(ILogger logger, Exception ex, string method);
}
