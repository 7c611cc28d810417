using Parley.Server.Common;
using StackExchange.Redis;

namespace Parley.Server.Cluster;

/// <summary>
/// Rate-limit windows in Redis: INCR of a key named after the window, which expires with it. If Redis is unreachable
/// the limit is not enforced (logged): refusing every login or message because the counter store is down would turn a
/// Redis restart into an outage.
/// </summary>
public sealed class RedisRateCounter(RedisConnection redis, ClusterOptions options, ILogger<RedisRateCounter> logger) : IRateCounter
{
    public bool IsShared => true;

    public async ValueTask<long> PeekAsync(string key, TimeSpan window)
    {
        try
        {
            var value = await redis.Db.StringGetAsync($"{options.Prefix}rate:{key}:{RateWindow.Now(window).Index}");
            return value.IsNull ? 0 : (long)value;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Rate counter unavailable (Redis); not limiting {Key}", key);
            return 0;
        }
    }

    public async ValueTask<RateDecision> TryTakeAsync(string key, int limit, TimeSpan window)
    {
        var (index, remaining) = RateWindow.Now(window);
        try
        {
            RedisKey k = $"{options.Prefix}rate:{key}:{index}";
            var count = await redis.Db.StringIncrementAsync(k);
            if (count == 1) _ = redis.Db.KeyExpireAsync(k, window + window, flags: CommandFlags.FireAndForget);
            return new RateDecision(count <= limit, remaining);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Rate counter unavailable (Redis); allowing {Key}", key);
            return new RateDecision(true, remaining);
        }
    }
}
