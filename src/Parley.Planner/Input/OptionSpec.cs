namespace Parley.Planner.Input;

/// <summary><see cref="Unknown"/> only exists while reporting an invalid deployment_model, so no model-specific errors pile on.</summary>
internal enum DeploymentModel { Unknown, PrivateOnprem, PrivateCloudIaas, CloudPaas, Saas }

/// <summary>One deployment option of the scenario (PLANNER.md §3.2 <c>options[]</c>).</summary>
internal sealed record OptionSpec(
    int Index,
    string Pointer,
    string Id,
    string Label,
    DeploymentModel Model,
    string Currency,
    LicenseSpec License,
    RtcSpec Rtc,
    InfrastructureSpec Infrastructure,
    WorkItemsSpec Implementation,
    WorkItemsSpec Customization,
    TrainingSpec Training,
    OperationsSpec? Operations,
    SupportSpec? Support,
    DowntimeSpec? Downtime);

internal enum LicenseModel { None, Perpetual, SubscriptionSeat, Usage }

internal sealed record LicenseSpec(LicenseModel Model, string Pointer, PerpetualSpec? Perpetual, SeatSubscriptionSpec? Subscription, UsageSpec? Usage);

internal sealed record PerpetualSpec(Price PricePerSeat, Price Flat, decimal? MaintenanceRate, int MaintenanceFromYear, string Pointer);

internal enum SeatBasis { Headcount, Active, Mau }

internal sealed record SeatSubscriptionSpec(Price PricePerSeatMonth, string Billing, SeatBasis Basis, int MinSeats);

internal enum UsageMetric { PeakDau, Mau, PeakConcurrent, Messages, Minutes, Gb }

internal enum UsagePricingKind { PerUnitOverage, BlockOverage, Graduated, Volume, Step }

internal sealed record UsageSpec(
    UsageMetric Metric,
    Price PlanFeeMonth,
    decimal IncludedUnits,
    UsagePricingKind Pricing,
    Price UnitPrice,
    decimal? BlockSize,
    string BlockSizePointer,
    Price BlockPrice,
    IReadOnlyList<TierSpec> Tiers,
    string TiersPointer);

/// <summary>A pricing band; <see cref="UpTo"/> null means unbounded.</summary>
internal sealed record TierSpec(decimal? UpTo, Price UnitPrice, Price Flat, string Pointer);

internal enum RtcMode { None, CloudMinutes, SelfHostedSfu }

internal sealed record RtcSpec(RtcMode Mode, Price Audio, Price Hd, Price Fhd, decimal FreeMinutesMonth, IReadOnlyList<string> FreeMinutesOrder, IReadOnlyList<InstanceSpec> SfuInstances, string Pointer);

/// <summary>An instance line; <see cref="Count"/> is null only in <c>sfu_instances</c>, where the capacity profile sizes it (of <see cref="Vcpu"/> vCPUs each).</summary>
internal sealed record InstanceSpec(string Type, int? Count, Price PerHour, Price PerMonth, string Pointer, decimal? Vcpu = null);

internal enum ComputeSizing { Fixed, CapacityProfile }

internal sealed record ComputeSpec(ComputeSizing Sizing, IReadOnlyList<InstanceSpec> Instances, Price PricePerNodeHour, string Pointer);

internal sealed record BlockStorageSpec(decimal? Gb, Price PriceGbMonth, bool UsedBasis, string Pointer);

internal sealed record EgressSpec(Price PriceGb, decimal FreeGbMonth);

internal sealed record ServerSpec(int? Qty, Price UnitPrice, int LifeYears, decimal? WattsAvg, string Pointer);

internal sealed record HardwareSpec(
    IReadOnlyList<ServerSpec> Servers,
    Price OtherCapex,
    int WarrantyIncludedYears,
    decimal? ExtendedWarrantyRate,
    bool Refresh,
    bool StraightLineResidual,
    string Pointer);

internal sealed record FacilitySpec(decimal Pue, Price ElectricityPriceKwh, Price RackPriceMonth, decimal Racks);

internal sealed record InfrastructureSpec(
    ComputeSpec? Compute,
    BlockStorageSpec? BlockStorage,
    Price? ObjectStoragePriceGbMonth,
    EgressSpec? Egress,
    Price DedicatedLineMonth,
    HardwareSpec? Hardware,
    FacilitySpec? Facility,
    string Pointer);

internal sealed record WorkItemSpec(decimal? PersonDays, Price DayRate, Price LumpSum, int Year, string Pointer);

internal sealed record WorkItemsSpec(IReadOnlyList<WorkItemSpec> Items, IReadOnlyList<Price> Integrations, decimal UpkeepRatePerYear);

internal sealed record TrainingSpec(
    decimal EndUserHours,
    decimal AdminHours,
    int Admins,
    decimal TrainerDays,
    Price TrainerDayRate,
    Price Materials,
    bool TrainNewHires);

internal sealed record OperationsSpec(decimal Fte, Price FteAnnualCost, Price ToolsMonth);

internal sealed record UpgradeFee(int Year, Price Amount);

internal sealed record SupportSpec(string Tier, Price FlatYear, decimal RateOfLicense, Price AccountManagerYear, IReadOnlyList<UpgradeFee> UpgradeFees);

internal sealed record DowntimeSpec(decimal ExpectedOutageHoursYear, decimal ProductivityLoss);
