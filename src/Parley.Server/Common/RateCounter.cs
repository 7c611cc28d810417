using System.Collections.Concurrent;

namespace Parley.Server.Common;

/// <summary>
/// Fixed-window counters for rate limits ("at most <c>limit</c> per <c>window</c> for this key"). One node: in memory.
/// Cluster mode: in Redis (<see cref="Cluster.RedisRateCounter"/>), so a client spreading requests over nodes gets
/// the same limit as on one.
/// </summary>
public interface IRateCounter
{
    /// <summary>
    /// Allowed when one more fits (and counts it); otherwise not, with how long until the window ends. Asynchronous
    /// because the shared counter is a Redis round trip on the send and login paths: waiting for it synchronously
    /// would hold a thread-pool thread per request.
    /// </summary>
    ValueTask<RateDecision> TryTakeAsync(string key, int limit, TimeSpan window);

    /// <summary>How many were counted for this key in the current window, without counting one more.</summary>
    ValueTask<long> PeekAsync(string key, TimeSpan window);

    /// <summary>True when the counts are shared by every node (cluster mode).</summary>
    bool IsShared { get; }
}

/// <summary>The fixed window "now" falls in: its number (windows since the epoch) and the time until it ends.</summary>
public readonly record struct RateWindow(long Index, TimeSpan Remaining)
{
    public static RateWindow Now(TimeSpan length)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ms = (long)length.TotalMilliseconds;
        var index = now / ms;
        return new RateWindow(index, TimeSpan.FromMilliseconds((index + 1) * ms - now));
    }
}

public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);

public sealed class LocalRateCounter : IRateCounter
{
    private sealed class Window
    {
        public long Index;
        public int Count;
    }

    private readonly ConcurrentDictionary<string, Window> _windows = new();

    public bool IsShared => false;

    public ValueTask<long> PeekAsync(string key, TimeSpan window)
    {
        var index = RateWindow.Now(window).Index;
        if (!_windows.TryGetValue(key, out var w)) return ValueTask.FromResult(0L);
        lock (w) return ValueTask.FromResult(w.Index == index ? (long)w.Count : 0L);
    }

    public ValueTask<RateDecision> TryTakeAsync(string key, int limit, TimeSpan window)
    {
        var (index, remaining) = RateWindow.Now(window);
        if (_windows.Count > 100_000) _windows.Clear();
        var w = _windows.GetOrAdd(key, _ => new Window { Index = index });
        lock (w)
        {
            if (w.Index != index)
            {
                w.Index = index;
                w.Count = 0;
            }
            bool allowed = w.Count < limit;
            if (allowed) w.Count++;
            return ValueTask.FromResult(new RateDecision(allowed, remaining));
        }
    }
}
