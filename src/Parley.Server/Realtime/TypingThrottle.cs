using System.Collections.Concurrent;

namespace Parley.Server.Realtime;

/// <summary>
/// Clients call Typing on every keystroke; members need at most one signal every couple of seconds
/// (clients show "typing" for a few seconds after the last one). Extra calls are dropped before any database read.
/// </summary>
public sealed class TypingThrottle
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<(long User, long Conversation), long> _last = new();

    public bool ShouldSend(long userId, long conversationId)
    {
        var now = Environment.TickCount64;
        var key = (userId, conversationId);
        if (_last.TryGetValue(key, out var last) && now - last < Interval.TotalMilliseconds) return false;
        _last[key] = now;
        if (_last.Count > 100_000) _last.Clear(); // bounded memory; worst case one extra typing signal
        return true;
    }
}
