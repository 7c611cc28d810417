using System.Text.Json.Serialization;

namespace Parley.Planner.Pricing;

/// <summary>
/// One sourced reference price (PLANNER.md §3.4). <see cref="AsOf"/> stays a string because many
/// sources are only approximately dated ("c. 2025", "undated"); <see cref="AsOfDate"/> parses what it can.
/// </summary>
public sealed record PriceEntry(
    string Id,
    string Vendor,
    string Item,
    string Unit,
    decimal Price,
    string Currency,
    string AsOf,
    string SourceId,
    string Confidence)
{
    /// <summary>The earliest day the <see cref="AsOf"/> text can mean (yyyy, yyyy-mm or yyyy-mm-dd); null when undated.</summary>
    [JsonIgnore]
    public DateOnly? AsOfDate => PriceDates.TryParse(AsOf);
}
