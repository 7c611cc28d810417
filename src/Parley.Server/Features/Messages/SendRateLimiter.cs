using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Messages;

/// <summary>Per-user token bucket for sending; shared by REST and hub so neither path bypasses it.</summary>
public sealed class SendRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<long> _limiter;

    public SendRateLimiter(IOptions<MessagesOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<long, long>(userId => RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.RateBurst),
            // Refill every 100 ms: fine-grained enough for a chat sender, coarse enough not to spin timers.
            TokensPerPeriod = Math.Max(1, (int)Math.Round(o.RatePerSecond / 10)),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public void Acquire(long userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        if (lease.IsAcquired) return;
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        throw new ParleyException(429, ErrorCodes.RateLimited, "You are sending messages too fast; slow down.", retry);
    }

    public void Dispose() => _limiter.Dispose();
}
