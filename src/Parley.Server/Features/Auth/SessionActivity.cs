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

    // Sessions seen since the last write, each with the latest time it was seen. One queued writer item drains them
    // all when it runs, so a burst of connects costs one UPDATE per writer batch, not one statement per session.
    private readonly ConcurrentDictionary<long, long> _pending = new();
    private int _flushQueued;

    public void Seen(SessionRecord session, long nowMs)
    {
        var last = _touched.GetOrAdd(session.Id, session.LastSeenAt);
        if (nowMs - last < options.Value.LastSeenGranularity.TotalMilliseconds) return;
        if (_touched.Count > 100_000) _touched.Clear();
        _touched[session.Id] = nowMs;
        _pending[session.Id] = nowMs;
        if (Interlocked.Exchange(ref _flushQueued, 1) == 0) _ = FlushAsync();
    }

    private async Task FlushAsync()
    {
        try
        {
            await writer.ExecuteAsync(w =>
            {
                // Reset before draining: a session seen from here on queues the next item.
                Volatile.Write(ref _flushQueued, 0);
                var seen = new Dictionary<long, long>();
                foreach (var id in _pending.Keys)
                    if (_pending.TryRemove(id, out var at)) seen[id] = at;
                return seen.Count == 0 ? 0 : SessionStore.Touch(w, seen);
            });
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _flushQueued, 0);
            logger.LogDebug(ex, "Could not record the activity of sessions");
        }
    }
}
