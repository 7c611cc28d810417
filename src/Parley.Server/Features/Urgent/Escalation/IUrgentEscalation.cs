namespace Parley.Server.Features.Urgent.Escalation;

/// <summary>
/// Reaches a target outside Parley when they have not acknowledged an urgent message within
/// <c>Parley:Urgent:EscalateAfter</c>: an SMS, a phone call, a pager, a webhook. Register with
/// <c>services.AddUrgentEscalation&lt;T&gt;()</c>; <see cref="UrgentEscalationJob"/> calls every registered provider
/// once per target, on one node of a cluster. Throwing means "not delivered": the target is tried again at the next
/// poll, up to <c>MaxEscalationAttempts</c> times, so make delivery idempotent by <see cref="UrgentEscalation.Id"/>.
/// See docs/urgent.md for an SMS provider sketched on this interface.
/// </summary>
public interface IUrgentEscalation
{
    /// <summary>Short stable name for logs (e.g. "webhook", "aliyun-sms").</summary>
    string Name { get; }

    Task EscalateAsync(UrgentEscalation request, CancellationToken cancellationToken);
}

public sealed record UrgentPerson(long Id, string Username, string DisplayName, string? Phone);

/// <summary>
/// One target to escalate. <see cref="Id"/> ("messageId:userId") is the same on every attempt. <see cref="Preview"/>
/// is the start of the message text: a provider decides whether it may leave the building.
/// </summary>
public sealed record UrgentEscalation(
    string Id, long MessageId, long ConversationId, UrgentPerson Sender, UrgentPerson Target, string Preview, DateTimeOffset RequestedAt, int Attempt);
