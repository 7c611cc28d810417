using Microsoft.Extensions.Options;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;

namespace Parley.Server.Features.Compliance.Retention;

/// <summary>Runs the retention purge every Parley:Compliance:Retention:Interval; the job lease keeps it on one node of a cluster.</summary>
public sealed class RetentionJob(RetentionService retention, IOptions<ComplianceOptions> options, ILogger<RetentionJob> logger, TimeProvider time)
    : PeriodicJob(time, logger)
{
    protected override string What => "Retention purge";

    protected override TimeSpan? Interval => options.Value.Retention.Interval;

    protected override Task RunOnceAsync(CancellationToken ct) => retention.RunAsync("schedule", Actor.System, ct);
}
