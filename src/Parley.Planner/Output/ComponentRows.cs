namespace Parley.Planner.Output;

/// <summary>The itemised rows every text format prints, in the order of the six components (§1.1) and the output schema.</summary>
internal static class ComponentRows
{
    public static IReadOnlyList<(string Key, string Label, Func<YearResult, decimal> Value)> All { get; } =
    [
        ("license", "License / subscription", y => y.Components.License),
        ("compute", "Infra: compute", y => y.Components.Infrastructure.Compute),
        ("storage", "Infra: storage", y => y.Components.Infrastructure.Storage),
        ("network", "Infra: network", y => y.Components.Infrastructure.Network),
        ("hardware", "Infra: hardware", y => y.Components.Infrastructure.Hardware),
        ("facility", "Infra: facility", y => y.Components.Infrastructure.Facility),
        ("rtc", "Infra: RTC", y => y.Components.Infrastructure.Rtc),
        ("implementation", "Implementation", y => y.Components.Implementation),
        ("customization", "Customization", y => y.Components.Customization),
        ("training", "Training", y => y.Components.Training),
        ("operations", "Operations", y => y.Components.Operations),
        ("support", "Support", y => y.Components.Support),
        ("downtime", "Downtime (indirect)", y => y.Components.Downtime),
    ];
}
