using System.Text.Json;

namespace Parley.Contracts;

/// <summary>
/// One audit log entry (an event of the system stream). <c>action</c> is dotted (<c>auth.login</c>,
/// <c>user.role_changed</c> …); <c>targetType</c> says what <c>targetId</c> names (user, department, message);
/// <c>ip</c> is the address the change came from; <c>details</c> is the event's data as written; <c>via</c> is
/// api, hub, cli, system, or scim:&lt;token id&gt; for changes a SCIM client made.
/// </summary>
public sealed record AuditEntryDto(
    long Id, DateTimeOffset At, long? ActorId, string? ActorUsername, string Action, string? TargetType, long? TargetId, string? Ip,
    JsonElement? Details, string Via);

public sealed record AuditPage(IReadOnlyList<AuditEntryDto> Items, long? NextBefore);
