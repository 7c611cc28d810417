using System.Collections.Concurrent;

namespace Parley.Server.Common;

/// <summary>
/// Fixed-window counters for rate limits ("at most <c>limit</c> per <c>window</c> for this key"). One node: in memory.
/// Cluster mode: in Redis (<see cref="Cluster.RedisRateCounter"/>), so a client spreading requests over nodes gets
/// the same limit as on one.
/// </summary>
public interface IRateCounter
{
    /// <summary>True when one more is allowed (and counts it); otherwise false and how long until the window ends.</summary>
    bool TryTake(string key, int limit, TimeSpan window, out TimeSpan retryAfter);

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

public sealed class LocalRateCounter : IRateCounter
{
    private sealed class Window
    {
        public long Index;
        public int Count;
    }

    private readonly ConcurrentDictionary<string, Window> _windows = new();

    public bool IsShared => false;

    public bool TryTake(string key, int limit, TimeSpan window, out TimeSpan retryAfter)
    {
        var (index, remaining) = RateWindow.Now(window);
        retryAfter = remaining;
        if (_windows.Count > 100_000) _windows.Clear();
        var w = _windows.GetOrAdd(key, _ => new Window { Index = index });
        lock (w)
        {
            if (w.Index != index)
            {
                w.Index = index;
                w.Count = 0;
            }
            if (w.Count >= limit) return false;
            w.Count++;
            return true;
        }
    }
}
