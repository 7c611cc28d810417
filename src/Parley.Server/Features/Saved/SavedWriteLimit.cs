using System.Globalization;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Saved;

/// <summary>Per-user limit on bookmark and draft writes (every one is a write and a push to the user's devices).</summary>
public sealed class SavedWriteLimit(IRateCounter counter, IOptions<SavedOptions> options)
{
    public async ValueTask AcquireAsync(long userId)
    {
        var decision = await counter.TryTakeAsync("saved:" + userId.ToString(CultureInfo.InvariantCulture), options.Value.WritesPerMinute, TimeSpan.FromMinutes(1));
        if (!decision.Allowed)
            throw new ParleyException(429, ErrorCodes.RateLimited, "Too many bookmark or draft changes; wait a moment.", decision.RetryAfter);
    }
}
