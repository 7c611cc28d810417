using Parley.Server.Platform;

namespace Parley.Server.Features.Compliance;

/// <summary>Composition root of compliance (issue 16): message history and the archive API.</summary>
public static class ComplianceExtensions
{
    public static WebApplicationBuilder AddCompliance(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ComplianceOptions>().Bind(builder.Configuration.GetSection(ComplianceOptions.Section));
        builder.Services.AddSingleton<ArchiveService>();
        builder.Services.AddMessageWriteStep<MessageHistoryStep>();
        return builder;
    }

    public static RouteGroupBuilder MapCompliance(this RouteGroupBuilder api)
    {
        api.MapComplianceApi();
        return api;
    }
}
