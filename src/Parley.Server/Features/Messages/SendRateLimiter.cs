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
    private readonly PartitionedRateLimiter<long>? _local;
    private readonly IRateCounter? _shared;
    private readonly int _perSecond;

    public SendRateLimiter(IOptions<MessagesOptions> options, IRateCounter counter)
    {
        var o = options.Value;
        _perSecond = Math.Max(1, Math.Max(o.RateBurst, (int)Math.Ceiling(o.RatePerSecond)));
        if (counter.IsShared)
        {
            _shared = counter;
            return;
        }
        _local = PartitionedRateLimiter.Create<long, long>(userId => RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.RateBurst),
            // Refill every 100 ms: fine-grained enough for a chat sender, coarse enough not to spin timers.
            TokensPerPeriod = Math.Max(1, (int)Math.Round(o.RatePerSecond / 10)),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public async ValueTask AcquireAsync(long userId)
    {
        TimeSpan retry;
        if (_shared is not null)
        {
            var decision = await _shared.TryTakeAsync("send:" + userId.ToString(CultureInfo.InvariantCulture), _perSecond, TimeSpan.FromSeconds(1));
            if (decision.Allowed) return;
            retry = decision.RetryAfter;
        }
        else
        {
            using var lease = _local!.AttemptAcquire(userId);
            if (lease.IsAcquired) return;
            retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        }
        throw new ParleyException(429, ErrorCodes.RateLimited, "You are sending messages too fast; slow down.", retry);
    }

    public void Dispose() => _local?.Dispose();
}
