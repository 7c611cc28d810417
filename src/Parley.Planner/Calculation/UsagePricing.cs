using Parley.Planner.Input;

namespace Parley.Planner.Calculation;

/// <summary>Monthly fee of a usage-priced plan for metric value u (PLANNER.md §3.5.2, §3.6.8).</summary>
internal static class UsagePricing
{
    public static decimal MonthlyFee(UsageSpec spec, decimal u, Diagnostics d)
    {
        var plan = spec.PlanFeeMonth.OrZero;
        var over = Math.Max(0, u - spec.IncludedUnits);
        switch (spec.Pricing)
        {
            case UsagePricingKind.PerUnitOverage:
                // §3.6.3: the unit price is only needed once usage exceeds the included units.
                return plan + (over > 0 ? over * spec.UnitPrice.Need(d, $"usage {u} exceeds the {spec.IncludedUnits} included units") : 0);

            case UsagePricingKind.BlockOverage:
                if (over == 0)
                {
                    return plan;
                }

                if (spec.BlockSize is not { } size)
                {
                    d.Error(spec.BlockSizePointer, $"required number is missing: usage {u} exceeds the {spec.IncludedUnits} included units, so the block size is needed");
                    return plan;
                }

                var blocks = Math.Ceiling(Math.Round(over / size, 6, MidpointRounding.AwayFromZero));
                return plan + (blocks * spec.BlockPrice.Need(d, $"usage {u} exceeds the {spec.IncludedUnits} included units"));

            case UsagePricingKind.Graduated:
                return plan + Graduated(spec, u, d);

            case UsagePricingKind.Volume:
                var billable = Math.Max(0, u - spec.IncludedUnits);
                if (billable == 0)
                {
                    return plan;
                }

                var band = FindBand(spec, u, d);
                return plan + (band is null ? 0 : billable * band.UnitPrice.Need(d, $"usage {u} falls in this volume tier"));

            case UsagePricingKind.Step:
                var step = FindBand(spec, u, d);
                if (step is null)
                {
                    return plan;
                }

                // Extension: a step band may also carry unit_price for units above the previous bound
                // (RongCloud's "+US$100 per 10,000 DAU above 1M").
                var lower = PreviousBound(spec, step);
                var extra = step.UnitPrice.IsSet ? Math.Max(0, u - lower) * step.UnitPrice.OrZero : 0;
                return plan + step.Flat.Need(d, $"usage {u} falls in this step tier") + extra;

            default:
                return plan;
        }
    }

    /// <summary>Σ over bands of (units inside the band) × band price; free units are a zero-price first band (§3.6.8).</summary>
    private static decimal Graduated(UsageSpec spec, decimal u, Diagnostics d)
    {
        var total = 0m;
        var lower = 0m;
        foreach (var tier in spec.Tiers)
        {
            if (u <= lower)
            {
                break;
            }

            var upper = tier.UpTo ?? decimal.MaxValue;
            var inBand = Math.Min(u, upper) - lower;
            if (inBand > 0)
            {
                total += inBand * tier.UnitPrice.Need(d, $"usage {u} reaches this graduated tier");
            }

            lower = upper;
        }

        if (u > lower)
        {
            d.Error(spec.TiersPointer, $"usage {u} exceeds the last tier's up_to {lower}; add a tier with up_to null");
        }

        return total;
    }

    private static TierSpec? FindBand(UsageSpec spec, decimal u, Diagnostics d)
    {
        foreach (var tier in spec.Tiers)
        {
            if (tier.UpTo is null || u <= tier.UpTo)
            {
                return tier;
            }
        }

        if (spec.Tiers.Count > 0)
        {
            d.Error(spec.TiersPointer, $"usage {u} exceeds the last tier's up_to {spec.Tiers[^1].UpTo}; add a tier with up_to null");
        }

        return null;
    }

    private static decimal PreviousBound(UsageSpec spec, TierSpec band)
    {
        var previous = 0m;
        foreach (var tier in spec.Tiers)
        {
            if (ReferenceEquals(tier, band))
            {
                return previous;
            }

            previous = tier.UpTo ?? previous;
        }

        return previous;
    }
}
