using Parley.Server.Features.Compliance.Export;
using Parley.Server.Features.Compliance.PersonalData;
using Parley.Server.Features.Compliance.Retention;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;

namespace Parley.Server.Features.Compliance;

/// <summary>Composition root of compliance (issue 16): message history, the archive API, retention and legal holds, exports, personal data.</summary>
public static class ComplianceExtensions
{
    public static WebApplicationBuilder AddCompliance(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ComplianceOptions>().Bind(builder.Configuration.GetSection(ComplianceOptions.Section))
            .Validate(o => o.Retention.BatchSize is > 0 and <= 10_000 && o.Retention.MaxMessagesPerRun > 0,
                "Parley:Compliance:Retention: BatchSize must be 1–10000 and MaxMessagesPerRun positive.")
            .Validate(o => o.ExportRetentionDays is >= 0 and <= 36_500, "Parley:Compliance:ExportRetentionDays must be 0–36500.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ArchiveService>();
        builder.Services.AddSingleton<JobLease>();
        builder.Services.AddSingleton<RetentionService>();
        builder.Services.AddHostedService<RetentionJob>();
        builder.Services.AddSingleton<ExportSignal>();
        builder.Services.AddSingleton<ExportWriter>();
        builder.Services.AddSingleton<ExportService>();
        builder.Services.AddHostedService<ExportWorker>();
        builder.Services.AddSingleton<ExportCleanup>();
        builder.Services.AddHostedService<ExportCleanupJob>();
        builder.Services.AddSingleton<PersonalExportWriter>();
        builder.Services.AddSingleton<PersonalDataService>();
        builder.Services.AddSingleton<ErasureService>();
        builder.Services.AddMessageWriteStep<MessageHistoryStep>();
        return builder;
    }

    public static RouteGroupBuilder MapCompliance(this RouteGroupBuilder api)
    {
        api.MapComplianceApi();
        api.MapPersonalDataApi();
        return api;
    }
}
