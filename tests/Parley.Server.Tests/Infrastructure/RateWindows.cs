namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The server's rate limits count in fixed windows aligned to the clock (<c>RateWindow</c>): requests that straddle a
/// window's end are counted in two windows, and a test expecting the (limit+1)th request refused then sees it allowed.
/// A test that counts up to a limit first waits, when the current window ends too soon, for the next one to begin.
/// </summary>
public static class RateWindows
{
    public static async Task ClearOfBoundaryAsync(TimeSpan window, TimeSpan needed)
    {
        var ms = (long)window.TotalMilliseconds;
        var remaining = ms - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % ms;
        if (remaining < needed.TotalMilliseconds) await Task.Delay(TimeSpan.FromMilliseconds(remaining + 50));
    }

    /// <summary>The usual case: a per-minute limit counted within the next 15 seconds.</summary>
    public static Task ClearOfMinuteBoundaryAsync() => ClearOfBoundaryAsync(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15));
}
