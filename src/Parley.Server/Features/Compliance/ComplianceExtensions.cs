using Parley.Server.Features.Compliance.Export;
using Parley.Server.Features.Compliance.Retention;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;

namespace Parley.Server.Features.Compliance;

/// <summary>Composition root of compliance (issue 16): message history, the archive API, retention and legal holds.</summary>
public static class ComplianceExtensions
{
    public static WebApplicationBuilder AddCompliance(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ComplianceOptions>().Bind(builder.Configuration.GetSection(ComplianceOptions.Section))
            .Validate(o => o.Retention.BatchSize is > 0 and <= 10_000 && o.Retention.MaxMessagesPerRun > 0,
                "Parley:Compliance:Retention: BatchSize must be 1–10000 and MaxMessagesPerRun positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ArchiveService>();
        builder.Services.AddSingleton<JobLease>();
        builder.Services.AddSingleton<RetentionService>();
        builder.Services.AddHostedService<RetentionJob>();
        builder.Services.AddSingleton<ExportSignal>();
        builder.Services.AddSingleton<ExportWriter>();
        builder.Services.AddSingleton<ExportService>();
        builder.Services.AddHostedService<ExportWorker>();
        builder.Services.AddMessageWriteStep<MessageHistoryStep>();
        return builder;
    }

    public static RouteGroupBuilder MapCompliance(this RouteGroupBuilder api)
    {
        api.MapComplianceApi();
        return api;
    }
}
