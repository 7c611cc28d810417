namespace Parley.Planner.Pricing;

/// <summary>A user catalog entry that replaced (or added to) the shipped catalog; echoed in every report.</summary>
public sealed record PriceOverride(
    string Id,
    decimal? ShippedPrice,
    string? ShippedCurrency,
    decimal Price,
    string Currency,
    string SourceId,
    string AsOf);
