using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Auth;

/// <summary>
/// Slows password guessing without handing strangers a way to lock anyone out (issue 13): failures are counted per
/// account-and-address and per account in fixed windows of the shared rate counter. An address is refused for an
/// account once it failed LoginFailuresPerAddress times, or once it failed at all and the account as a whole reached
/// LoginFailuresPerAccount; an address with no failures for the account is always heard. Counters are keyed by the
/// name as typed (lower-cased), so unknown and existing names are treated — and answered — alike. A window's end
/// clears its counts, so one wrong attempt after it starts afresh.
/// </summary>
public sealed class LoginThrottle(IRateCounter counter, IOptionsMonitor<AuthOptions> options)
{
    private AuthOptions O => options.CurrentValue;

    public async Task CheckAsync(string username, string? address)
    {
        var (pair, account) = Keys(username, address);
        var failedHere = await counter.PeekAsync(pair, O.LoginFailureWindow);
        if (failedHere == 0) return;
        if (failedHere >= O.LoginFailuresPerAddress || await counter.PeekAsync(account, O.LoginFailureWindow) >= O.LoginFailuresPerAccount)
        {
            throw new ParleyException(429, ErrorCodes.LoginThrottled,
                "Too many failed sign-ins for this account from here; wait before trying again.", RateWindow.Now(O.LoginFailureWindow).Remaining);
        }
    }

    public async Task RecordFailureAsync(string username, string? address)
    {
        var (pair, account) = Keys(username, address);
        await counter.TryTakeAsync(pair, int.MaxValue, O.LoginFailureWindow);
        await counter.TryTakeAsync(account, int.MaxValue, O.LoginFailureWindow);
    }

    private static (string Pair, string Account) Keys(string username, string? address)
    {
        var name = username.ToLowerInvariant();
        return ($"login-fail:{name}:{address ?? "-"}", $"login-fail:{name}");
    }
}
