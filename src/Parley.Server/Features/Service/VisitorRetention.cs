using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Compliance.PersonalData;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Service;

/// <summary>
/// Retention of visitor users (Parley:Service:VisitorRetentionDays; 0 keeps them forever). On the node holding the
/// "visitor-retention" lease, visitors whose service conversations have all been closed longer than that (and
/// visitors older than that with no service conversation) are erased through <see cref="ErasureService"/>, the
/// personal-data erasure: a legal hold on the visitor keeps them whole, messages in conversations under a hold stay,
/// each erasure has its own personal_data.erased audit entry, and the erasure also clears the visitor's name, e-mail,
/// page, referrer and browser from their service conversations. A run erases at most <see cref="Batch"/> visitors (the next
/// run goes on) and writes one service.visitors_erased entry with the counts.
/// </summary>
public sealed partial class VisitorRetention(ServiceStore store, ErasureService erasure, WriteQueue writer, JobLease lease,
    IOptionsMonitor<ServiceOptions> options, TimeProvider time, ILogger<VisitorRetention> logger)
{
    public const string JobName = "visitor-retention";
    public const int Batch = 500;

    public sealed record Run(int Erased, int Held);

    /// <summary>One run; null when retention is off or another node holds the lease.</summary>
    public async Task<Run?> RunAsync(CancellationToken ct)
    {
        var days = options.CurrentValue.VisitorRetentionDays;
        if (days <= 0) return null;
        if (!await lease.TryAcquireAsync(JobName, TimeSpan.FromMinutes(10))) return null;
        try
        {
            var cutoff = time.GetUtcNow().ToUnixTimeMilliseconds() - days * 86_400_000L;
            int erased = 0, held = 0;
            foreach (var userId in await store.VisitorsDueAsync(cutoff, Batch))
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    await erasure.EraseAsync(userId, new UserErasureRequest(), Actor.System);
                    erased++;
                }
                catch (ParleyException e) when (e.Code == ErrorCodes.LegalHold)
                {
                    held++; // a hold placed since the query: the visitor stays whole
                }
            }
            if (erased + held > 0)
            {
                await writer.ExecuteAsync(w => SystemLog.Append(w, Actor.System, SystemEventTypes.ServiceVisitorsErased, null, new { erased, keptUnderLegalHold = held, days }));
                Erased(logger, erased, held, days);
            }
            return new Run(erased, held);
        }
        finally
        {
            await lease.ReleaseAsync(JobName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Visitor retention: {Erased} visitors erased ({Held} kept under legal hold), older than {Days} days.")]
    private static partial void Erased(ILogger logger, int erased, int held, int days);
}

/// <summary>Runs <see cref="VisitorRetention"/> every Parley:Service:VisitorRetentionInterval; the job lease keeps it on one node.</summary>
public sealed class VisitorRetentionJob(VisitorRetention retention, IOptionsMonitor<ServiceOptions> options, ILogger<VisitorRetentionJob> logger, TimeProvider time)
    : PeriodicJob(time, logger)
{
    protected override string What => "Visitor retention";

    protected override TimeSpan? Interval => options.CurrentValue.VisitorRetentionInterval;

    protected override Task RunOnceAsync(CancellationToken ct) => retention.RunAsync(ct);
}
