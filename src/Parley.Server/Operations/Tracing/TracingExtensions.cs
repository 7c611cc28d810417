using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Parley.Server.Operations.Tracing;

/// <summary>
/// OpenTelemetry traces exported over OTLP when Parley:Telemetry:OtlpEndpoint is set (e.g. http://collector:4317);
/// nothing is registered otherwise, so no listener exists and every StartActivity returns null. Spans: ASP.NET Core
/// requests, hub calls, group commits, database opens and, on PostgreSQL, Npgsql's per-statement spans.
/// </summary>
public static class TracingExtensions
{
    public const string Section = "Parley:Telemetry";

    public static WebApplicationBuilder AddTracing(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration[$"{Section}:OtlpEndpoint"];
        if (string.IsNullOrWhiteSpace(endpoint)) return builder;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new InvalidOperationException($"{Section}:OtlpEndpoint '{endpoint}' is not an absolute URL (e.g. http://collector:4317).");
        var protocol = builder.Configuration[$"{Section}:OtlpProtocol"] ?? "grpc";
        var ratio = double.TryParse(builder.Configuration[$"{Section}:SampleRatio"], System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : 1.0;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(res => res.AddService(builder.Configuration[$"{Section}:ServiceName"] ?? "parley", serviceVersion: Version.Current))
            .WithTracing(t => t
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)))
                .AddSource(ParleyActivities.All)
                .AddSource("Npgsql")
                // The hub's long-lived WebSocket request would be one span lasting hours; its calls have their own.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(Contracts.HubNames.Path)
                    && !http.Request.Path.StartsWithSegments(OperationsExtensions.MetricsPath))
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = uri;
                    o.Protocol = protocol.Equals("http", StringComparison.OrdinalIgnoreCase)
                        ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
                }));
        return builder;
    }
}
