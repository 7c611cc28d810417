using System.Diagnostics;

namespace Parley.Server.Operations.Tracing;

/// <summary>
/// Parley's activity sources (OpenTelemetry spans). When no listener is attached (traces off, the default)
/// <c>StartActivity</c> returns null after one field read, so the instrumented paths cost nothing measurable; with
/// Parley:Telemetry:OtlpEndpoint set, <see cref="TracingExtensions"/> listens to all of them.
/// </summary>
public static class ParleyActivities
{
    public const string HubName = "Parley.Hub";
    public const string WriterName = "Parley.Writer";
    public const string DatabaseName = "Parley.Database";

    public static readonly string[] All = [HubName, WriterName, DatabaseName];

    /// <summary>One span per hub method call (HubGuard).</summary>
    public static readonly ActivitySource Hub = new(HubName);

    /// <summary>One span per group commit, tagged with the batch size.</summary>
    public static readonly ActivitySource Writer = new(WriterName);

    /// <summary>One span per database connection opened for reads (the reads of one request share it).</summary>
    public static readonly ActivitySource Database = new(DatabaseName);
}
