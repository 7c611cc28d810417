using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Parley.Server.Storage;

namespace Parley.Server.Features.Auth;

/// <summary>
/// Keeps <c>sessions.last_seen_at</c> current (issue 13: it never changed, so "active sessions" could not tell a stale
/// one from the one in use). At most one write per session per <see cref="AuthOptions.LastSeenGranularity"/> on a node,
/// queued on the writer without waiting: a request never waits for it, and a failure only leaves the time older.
/// </summary>
public sealed class SessionActivity(WriteQueue writer, IOptions<AuthOptions> options, ILogger<SessionActivity> logger)
{
    private readonly ConcurrentDictionary<long, long> _touched = new();

    public void Seen(SessionRecord session, long nowMs)
    {
        var last = _touched.GetOrAdd(session.Id, session.LastSeenAt);
        if (nowMs - last < options.Value.LastSeenGranularity.TotalMilliseconds) return;
        if (_touched.Count > 100_000) _touched.Clear();
        _touched[session.Id] = nowMs;
        _ = WriteAsync(session.Id, nowMs);
    }

    private async Task WriteAsync(long sessionId, long nowMs)
    {
        try
        {
            await writer.ExecuteAsync(w => SessionStore.Touch(w, sessionId, nowMs));
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Could not record activity of session {SessionId}", sessionId);
        }
    }
}
