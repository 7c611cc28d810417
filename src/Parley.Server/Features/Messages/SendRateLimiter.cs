using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Messages;

/// <summary>
/// Per-user send limit, shared by REST and hub so neither path bypasses it. One node: a token bucket (RatePerSecond
/// with bursts up to RateBurst). Cluster mode: the shared counter, at most max(RateBurst, RatePerSecond) per second
/// across all nodes.
/// </summary>
public sealed class SendRateLimiter : IDisposable
{
    private readonly IRateCounter? _shared;
    private readonly IDisposable? _subscription;
    private volatile Limits _limits;

    /// <summary>The limits in force; replaced whole when an administrator changes the rate at run time (runtime settings).</summary>
    private sealed record Limits(int PerSecond, PartitionedRateLimiter<long>? Local);

    public SendRateLimiter(IOptionsMonitor<MessagesOptions> options, IRateCounter counter)
    {
        if (counter.IsShared) _shared = counter;
        _limits = Build(options.CurrentValue);
        _subscription = options.OnChange(o =>
        {
            var before = _limits;
            _limits = Build(o);
            // A send may still hold the old limiter for a moment: dispose it once that moment has passed.
            if (before.Local is { } old) _ = Task.Delay(TimeSpan.FromSeconds(5)).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
        });
    }

    private Limits Build(MessagesOptions o)
    {
        var perSecond = Math.Max(1, Math.Max(o.RateBurst, (int)Math.Ceiling(o.RatePerSecond)));
        if (_shared is not null) return new Limits(perSecond, null);
        // Refill every 100 ms (fine-grained enough for a chat sender, coarse enough not to spin timers); below 10 a
        // second, one token per 1/rate seconds, so a rate of 2 means 2 and not the 10 a 100 ms period would give.
        var tokens = Math.Max(1, (int)Math.Round(o.RatePerSecond / 10));
        var period = o.RatePerSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1 / Math.Max(o.RatePerSecond, 0.01));
        return new Limits(perSecond, PartitionedRateLimiter.Create<long, long>(userId => RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.RateBurst),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        })));
    }

    public async ValueTask AcquireAsync(long userId)
    {
        TimeSpan retry;
        var limits = _limits;
        if (_shared is not null)
        {
            var decision = await _shared.TryTakeAsync("send:" + userId.ToString(CultureInfo.InvariantCulture), limits.PerSecond, TimeSpan.FromSeconds(1));
            if (decision.Allowed) return;
            retry = decision.RetryAfter;
        }
        else
        {
            using var lease = limits.Local!.AttemptAcquire(userId);
            if (lease.IsAcquired) return;
            retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        }
        throw new ParleyException(429, ErrorCodes.RateLimited, "You are sending messages too fast; slow down.", retry);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _limits.Local?.Dispose();
    }
}
