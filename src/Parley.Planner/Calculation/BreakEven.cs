namespace Parley.Planner.Calculation;

/// <summary>
/// PLANNER.md §3.5.11: with d_y = cumA_y − cumB_y, the break-even year y* is the first with d ≤ 0 and the
/// fractional year is <c>y* − 1 + d_{y*−1} / (d_{y*−1} − d_{y*})</c> (linear inside the year); 0 when A never
/// costs more; null when there is no crossing by the horizon.
/// </summary>
internal static class BreakEven
{
    public static (int? Year, decimal? Fraction) Find(IReadOnlyList<decimal> candidateCumulative, IReadOnlyList<decimal> baselineCumulative)
    {
        var d = candidateCumulative.Zip(baselineCumulative, (a, b) => a - b).ToArray();
        if (d[0] <= 0)
        {
            return (0, 0m);
        }

        for (var y = 1; y < d.Length; y++)
        {
            if (d[y] <= 0)
            {
                return (y, y - 1 + (d[y - 1] / (d[y - 1] - d[y])));
            }
        }

        return (null, null);
    }
}
