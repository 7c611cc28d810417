using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Server.Operations.Metrics;
using Parley.Server.Operations.Tracing;
using Parley.Server.Storage;
using Prometheus;

namespace Parley.Server.Operations;

/// <summary>
/// Composition root of operations (issue 19): Prometheus metrics at <c>GET /metrics</c>, OpenTelemetry traces (off unless
/// an OTLP endpoint is configured), scheduled backups and the admin health view.
/// </summary>
public static class OperationsExtensions
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidation>();
        services.AddSingleton<ParleyMetrics>();
        services.AddSingleton<MetricsAccess>();
        services.AddSingleton<ScrapeProbes>();
        services.AddOptions<Backup.BackupOptions>().Bind(builder.Configuration.GetSection(Backup.BackupOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Backup.BackupOptions>, Backup.BackupOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<Backup.BackupScheduler>();
        builder.AddTracing();
        return builder;
    }

    /// <summary>Before routing: the HTTP counters see every request, including the ones no endpoint matched.</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled) app.UseParleyHttpMetrics();
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled) return app;
        var metrics = app.Services.GetRequiredService<ParleyMetrics>();
        var database = app.Services.GetRequiredService<Database>();
        metrics.Info.WithLabels(Version.Current, database.Provider.ToString().ToLowerInvariant()).Set(1);
        // .NET runtime (GC, thread pool, exceptions, process CPU and memory) and the Parley.* System.Diagnostics meters
        // (thumbnail decoding) into the same registry.
        DotNetStats.Register(metrics.Registry);
        var meters = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = metrics.Registry,
            InstrumentFilterPredicate = i => i.Meter.Name.StartsWith("Parley.", StringComparison.Ordinal),
        });
        app.Lifetime.ApplicationStopped.Register(meters.Dispose);

        var access = app.Services.GetRequiredService<MetricsAccess>();
        var probes = app.Services.GetRequiredService<ScrapeProbes>();
        app.MapGet(MetricsPath, async (HttpContext http) =>
            {
                if (!access.Allows(http))
                {
                    await access.RefuseAsync(http);
                    return;
                }
                await probes.RefreshAsync(http.RequestAborted);
                http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
