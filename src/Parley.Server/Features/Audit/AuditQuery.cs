using Parley.Server.Common;

namespace Parley.Server.Features.Audit;

/// <summary>
/// The audit log's filters, validated. <c>action</c> is an exact action name, or a prefix ending in <c>.*</c>
/// (<c>auth.*</c>); <c>before</c> is an entry id (newest first, page with the last id seen); from/to bound the time.
/// </summary>
public sealed record AuditQuery(string? Action, bool ActionIsPrefix, long? ActorId, long? TargetId, long? FromMs, long? ToMs, long? Before, int Limit)
{
    public const int MaxExportRows = 100_000;

    public static AuditQuery Parse(string? action, long? actorId, long? targetId, DateTimeOffset? from, DateTimeOffset? to, long? before, int? limit, int maxLimit = Paging.MaxLimit)
    {
        action = string.IsNullOrWhiteSpace(action) ? null : action.Trim();
        var prefix = false;
        if (action is not null)
        {
            if (action.EndsWith(".*", StringComparison.Ordinal))
            {
                prefix = true;
                action = action[..^1]; // keep the dot: "auth." matches auth.login but not authx.y
            }
            if (action.Length > 64 || !action.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_'))
                throw ParleyException.Invalid("action", "action is a dotted name like auth.login, or a prefix like auth.*");
        }
        if (before is <= 0) throw ParleyException.Invalid("before", "before must be a positive entry id.");
        if (from is not null && to is not null && from > to) throw ParleyException.Invalid("from", "from must not be after to.");
        return new AuditQuery(action, prefix, actorId, targetId, from is { } f ? UnixMs.From(f) : null, to is { } t ? UnixMs.From(t) : null,
            before, Paging.Limit(limit, maxLimit));
    }
}
