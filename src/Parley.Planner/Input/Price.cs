namespace Parley.Planner.Input;

/// <summary>
/// A money field of the scenario, already converted to the report currency, that remembers where it was
/// written. It is resolved lazily: PLANNER.md §3.6.3 makes a missing price an error only when a rule needs it.
/// </summary>
internal readonly record struct Price(decimal? Amount, string Pointer)
{
    public bool IsSet => Amount.HasValue;

    /// <summary>The amount, or an error naming the pointer and the reason the rule needs it (then 0 so the run can go on collecting errors).</summary>
    public decimal Need(Diagnostics diagnostics, string why)
    {
        if (Amount is { } value)
        {
            return value;
        }

        diagnostics.Error(Pointer, $"missing price: required because {why}");
        return 0;
    }

    public decimal OrZero => Amount ?? 0;
}
