namespace Parley.Planner.Calculation;

/// <summary>The cost components of PLANNER.md §3.3, one array entry per year 0..H, report currency, unrounded.</summary>
internal sealed class CostLines(int horizonYears)
{
    private decimal[] New() => new decimal[horizonYears + 1];

    public decimal[] License { get; } = new decimal[horizonYears + 1];
    public decimal[] Compute { get; } = new decimal[horizonYears + 1];
    public decimal[] Storage { get; } = new decimal[horizonYears + 1];
    public decimal[] Network { get; } = new decimal[horizonYears + 1];
    public decimal[] Hardware { get; } = new decimal[horizonYears + 1];
    public decimal[] Facility { get; } = new decimal[horizonYears + 1];
    public decimal[] Rtc { get; } = new decimal[horizonYears + 1];
    public decimal[] Implementation { get; } = new decimal[horizonYears + 1];
    public decimal[] Customization { get; } = new decimal[horizonYears + 1];
    public decimal[] Training { get; } = new decimal[horizonYears + 1];
    public decimal[] Operations { get; } = new decimal[horizonYears + 1];
    public decimal[] Support { get; } = new decimal[horizonYears + 1];
    public decimal[] Downtime { get; } = new decimal[horizonYears + 1];

    public decimal[] Totals()
    {
        var total = New();
        for (var y = 0; y < total.Length; y++)
        {
            total[y] = License[y] + Compute[y] + Storage[y] + Network[y] + Hardware[y] + Facility[y] + Rtc[y]
                + Implementation[y] + Customization[y] + Training[y] + Operations[y] + Support[y] + Downtime[y];
        }

        return total;
    }
}
