namespace Parley.Planner.Input;

/// <summary>The validated planner input (PLANNER.md §3.2) with defaults applied; money in the report currency.</summary>
internal sealed record Scenario(
    Meta Meta,
    Organization Organization,
    Usage Usage,
    SizingParameters Sizing,
    IReadOnlyList<OptionSpec> Options,
    SensitivitySpec Sensitivity);

internal enum RecurringTiming { End, Begin }

internal enum GrowthMode { Compound, Linear }

internal sealed record Meta(
    string ReportCurrency,
    IReadOnlyDictionary<string, decimal> Fx,
    int HorizonYears,
    decimal DiscountRate,
    RecurringTiming Timing,
    decimal PriceEscalationRate,
    string? BaselineOptionId,
    DateOnly? AsOf);

internal sealed record Organization(int Headcount, decimal AnnualGrowthRate, GrowthMode GrowthMode, Price EmployeeHourCost);

internal sealed record Usage(
    decimal DauRatio,
    decimal MauRatio,
    decimal PeakOnlineRatio,
    decimal DevicesPerOnlineUser,
    decimal MessagesPerUserPerDay,
    decimal BusyHoursPerDay,
    decimal PeakFactor,
    decimal AvgFanout,
    decimal? StoredBytesPerMessage,
    decimal FileMbPerUserMonth,
    int? FileRetentionMonths,
    int? MessageRetentionMonths,
    decimal DownloadGbPerUserMonth,
    CallUsage Calls);

/// <summary>
/// Minutes per user per month and bitrates for each call kind, and the participants of a typical call (room_size).
/// A video bitrate the scenario does not state is null: the SFU is then sized from the measured bitrate per forwarded
/// stream when the capacity profile has one, else from the schema's default (§3.2).
/// </summary>
internal sealed record CallUsage(decimal AudioMinutes, decimal HdMinutes, decimal FhdMinutes, decimal AudioKbps, decimal? HdKbps, decimal? FhdKbps, int RoomSize)
{
    public const decimal DefaultHdKbps = 1500m;
    public const decimal DefaultFhdKbps = 3000m;
}

/// <summary>
/// The sizing half of <c>capacity_profile</c> in the input (targets, node shape, HA) plus optional overrides
/// of the measured figures, which otherwise come from the <see cref="Pricing.CapacityProfile"/> the caller passes.
/// </summary>
internal sealed record SizingParameters(
    string? Source,
    decimal? ConnPerVcpu,
    decimal? DeliveriesPerVcpuSec,
    decimal? MemKbPerConn,
    decimal? BaseMemGb,
    decimal TargetCpuUtil,
    decimal TargetMemUtil,
    int NodeVcpu,
    decimal NodeMemGb,
    bool HighAvailability,
    int DbNodes);

internal sealed record SensitivitySpec(IReadOnlyList<string> Drivers, IReadOnlyList<decimal> Deltas, bool Explicit);
