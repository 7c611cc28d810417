using Microsoft.Extensions.Options;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Auth;

/// <summary>
/// Records refused sign-ins (<c>auth.login_failed</c>) without handing an attacker a way to fill the audit log: an
/// attempt refused by the throttle is never written (the throttle already caps failures per account and address),
/// and across the whole server at most <see cref="AuthOptions.AuditedLoginFailuresPerMinute"/> are written per minute
/// (shared counter, so per cluster). Past that, failures are counted on this node and the next entry written says
/// how many were left out (<c>suppressed</c>), so a burst still shows in the log.
/// </summary>
public sealed class LoginFailureAudit(WriteQueue writer, IRateCounter counter, IOptions<AuthOptions> options)
{
    private long _suppressed;

    public async Task RecordAsync(string username, long? userId, string reason, Actor actor)
    {
        var decision = await counter.TryTakeAsync("audit:login-failed", options.Value.AuditedLoginFailuresPerMinute, TimeSpan.FromMinutes(1));
        if (!decision.Allowed)
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }
        var suppressed = Interlocked.Exchange(ref _suppressed, 0);
        var name = username.Length > 64 ? username[..64] : username;
        await writer.ExecuteAsync(w => SystemLog.Append(w, actor with { UserId = null }, SystemEventTypes.LoginFailed, userId,
            suppressed > 0 ? new { username = name, reason, suppressed } : new { username = name, reason }));
    }
}
