using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Planner.Pricing;

namespace Parley.Planner.Output;

/// <summary>
/// The planner's answer (PLANNER.md §3.3, "planner-output.v1"). Serialise it with <see cref="PlannerJson.Options"/>
/// so keys are snake_case exactly as the specification writes them (§3.6.11). Money is unrounded.
/// </summary>
public sealed record PlanResult(
    string Schema,
    string ReportCurrency,
    int HorizonYears,
    decimal DiscountRate,
    string RecurringTiming,
    string BaselineOptionId,
    IReadOnlyList<OptionResult> Options,
    IReadOnlyList<ComparisonResult> Comparisons,
    IReadOnlyList<string> Ranking,
    IReadOnlyList<SensitivityRow> Sensitivity,
    IReadOnlyList<string> Warnings,
    CatalogReport Catalog,
    CapacitySource CapacityProfile)
{
    /// <summary>The warnings again, as stable codes with arguments, for clients that word them in the reader's language.</summary>
    public IReadOnlyList<PlanNotice> Notices { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, PlannerJson.Options);
}

/// <summary>One warning as data: <c>code</c> names the situation, <c>args</c> its figures (invariant culture).</summary>
public sealed record PlanNotice(string Code, IReadOnlyDictionary<string, string> Args);

public sealed record OptionResult(
    string Id,
    string Label,
    string DeploymentModel,
    IReadOnlyList<YearResult> Years,
    Totals Totals,
    CapacityResult Capacity);

public sealed record YearResult(
    int Year,
    int Headcount,
    Components Components,
    decimal Total,
    decimal DiscountFactor,
    decimal Pv,
    decimal Cumulative,
    decimal CumulativePv);

public sealed record Components(
    decimal License,
    InfrastructureBreakdown Infrastructure,
    decimal Implementation,
    decimal Customization,
    decimal Training,
    decimal Operations,
    decimal Support,
    decimal Downtime);

public sealed record InfrastructureBreakdown(decimal Compute, decimal Storage, decimal Network, decimal Hardware, decimal Facility, decimal Rtc)
{
    public decimal Sum() => Compute + Storage + Network + Hardware + Facility + Rtc;
}

/// <summary><c>per_user_month</c> = nominal / Σ_{y=1..H} seats_y × 12 (§3.3).</summary>
public sealed record Totals(decimal Nominal, decimal Pv, decimal PerUserMonth);

/// <summary>Capacity for the year with the most seats (the load the deployment must carry by the horizon).</summary>
public sealed record CapacityResult(
    int PeakConnections,
    decimal PeakMsgsPerSec,
    decimal PeakDeliveriesPerSec,
    decimal VcpuRequired,
    decimal MemGbRequired,
    int AppNodes,
    int AppNodesWithHa,
    int DbNodes,
    int SizedForYear,
    IReadOnlyList<decimal> StorageGbEndOfYear,
    string Binding,
    IReadOnlyDictionary<string, int> NodesByConstraint,
    CapacityHeadroom Headroom)
{
    /// <summary>The SFU of a <c>self_hosted_sfu</c> option (issue 15); null for other RTC modes.</summary>
    public SfuCapacity? Sfu { get; init; }
}

/// <summary>
/// The self-hosted SFU for the sized year (issue 15): call participants at the peak minute, the streams the SFU forwards
/// to each (room_size − 1), the kbit/s of one video stream, the vCPUs that takes at the target CPU utilisation (null
/// without an SFU measurement in the capacity profile), the instances (of <see cref="InstanceVcpu"/> vCPUs when sized),
/// whether the count was sized (true) or stated in sfu_instances (false), and the SFU's media egress per month.
/// </summary>
public sealed record SfuCapacity(
    decimal PeakParticipants,
    int StreamsPerParticipant,
    decimal ForwardedStreams,
    decimal KbpsPerStream,
    decimal? VcpuRequired,
    string InstanceType,
    decimal? InstanceVcpu,
    int Instances,
    int InstancesWithHa,
    bool Sized,
    decimal EgressGbPerMonth);

/// <summary>
/// The headroom the sizing applied: CPU and memory are sized to these utilisations, and <see cref="SpareNodes"/>
/// are added for high availability.
/// </summary>
public sealed record CapacityHeadroom(decimal TargetCpuUtil, decimal TargetMemUtil, int SpareNodes);

public sealed record ComparisonResult(
    string Candidate,
    string Baseline,
    string Basis,
    int? BreakevenYear,
    decimal? BreakevenYearFractional,
    decimal SavingAtHorizon);

/// <summary>One bar of the tornado chart: the option's horizon PV total when <see cref="Driver"/> is scaled by 1 + <see cref="Delta"/>.</summary>
public sealed record SensitivityRow(string Driver, decimal Delta, string Option, decimal Total, decimal Change);

public sealed record CatalogReport(string Version, IReadOnlyList<PriceOverride> Overrides, IReadOnlyList<string> EntriesUsed);

/// <summary>Which capacity figures sized the deployment, so a reader can trace them to a benchmark run.</summary>
public sealed record CapacitySource(
    string Source,
    bool Placeholder,
    decimal ConnPerVcpu,
    decimal DeliveriesPerVcpuSec,
    decimal MemKbPerConn,
    decimal BaseMemGb,
    decimal StoredBytesPerMessage,
    CapacityProvenance Provenance);

public static class PlannerJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new NormalizedDecimalConverter() },
    };
}
