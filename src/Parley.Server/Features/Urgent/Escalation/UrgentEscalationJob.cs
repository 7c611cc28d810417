using Microsoft.Extensions.Options;
using Parley.Server.Common;
using Parley.Server.Features.Messages;
using Parley.Server.Platform.Jobs;
using Parley.Server.Storage;

namespace Parley.Server.Features.Urgent.Escalation;

/// <summary>
/// Escalates urgent requests left unacknowledged for <see cref="UrgentOptions.EscalateAfter"/> (off when unset or when
/// no provider is registered). Every <see cref="UrgentOptions.EscalationPollInterval"/> the node holding the
/// <c>urgent-escalation</c> lease reads the due targets and claims each through the writer
/// (<see cref="UrgentStore.ClaimEscalation"/>: one claim wins, only while unacknowledged), then calls the providers.
/// A failed delivery releases the claim for the next poll; a node dying between claim and delivery loses that one
/// escalation rather than sending it twice.
/// </summary>
public sealed class UrgentEscalationJob(
    UrgentStore store, MessageStore messages, WriteQueue writer, JobLease lease, IEnumerable<IUrgentEscalation> providers,
    IOptions<UrgentOptions> options, TimeProvider time, ILogger<UrgentEscalationJob> logger) : BackgroundService
{
    private const string LeaseName = "urgent-escalation";
    private readonly IUrgentEscalation[] _providers = [.. providers];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.EscalateAfter is not { } after || after <= TimeSpan.Zero || _providers.Length == 0) return;
        using var timer = new PeriodicTimer(o.EscalationPollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(after, o, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                UrgentLog.EscalationRunFailed(logger, ex);
            }
        }
    }

    private async Task RunOnceAsync(TimeSpan after, UrgentOptions o, CancellationToken ct)
    {
        // The lease outlives a few polls so a slow provider does not hand the job to another node mid-run.
        if (!await lease.TryAcquireAsync(LeaseName, o.EscalationPollInterval * 3 + o.Webhook.Timeout)) return;
        var due = await store.DueAsync(time.GetUtcNow().ToUnixTimeMilliseconds() - (long)after.TotalMilliseconds, 100);
        if (due.Count == 0) return;
        var people = await store.ContactsAsync([.. due.Select(t => t.UserId).Concat(due.Select(t => t.RequestedBy)).Distinct()]);
        foreach (var target in due)
        {
            ct.ThrowIfCancellationRequested();
            if (!await writer.ExecuteAsync(w => UrgentStore.ClaimEscalation(w, target.MessageId, target.UserId))) continue;
            var message = await messages.FindAsync(target.MessageId);
            var request = new UrgentEscalation($"{target.MessageId}:{target.UserId}", target.MessageId, target.ConversationId,
                Person(people, target.RequestedBy), Person(people, target.UserId), UrgentPreview.Of(message?.Text ?? ""),
                UnixMs.To(target.RequestedAt), target.EscalationAttempts + 1);
            try
            {
                foreach (var provider in _providers) await provider.EscalateAsync(request, ct);
                UrgentLog.Escalated(logger, target.MessageId, target.UserId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                UrgentLog.EscalationFailed(logger, target.MessageId, target.UserId, request.Attempt, ex);
                await writer.ExecuteAsync(w => { UrgentStore.ReleaseEscalation(w, target.MessageId, target.UserId, o.MaxEscalationAttempts); return 0; });
            }
        }
    }

    private static UrgentPerson Person(IReadOnlyDictionary<long, UrgentStore.ContactRow> people, long id) =>
        people.TryGetValue(id, out var p) ? new UrgentPerson(p.Id, p.Username, p.DisplayName, p.Phone) : new UrgentPerson(id, "", "", null);
}
