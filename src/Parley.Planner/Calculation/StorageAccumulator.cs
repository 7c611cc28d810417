namespace Parley.Planner.Calculation;

/// <summary>
/// Month-by-month stored volume (PLANNER.md §3.5.5, §3.6.5). Each month adds the volume written that month;
/// with a retention of R months only the last R additions remain. With a constant monthly addition a this
/// reduces to the normative balance <c>a × min(j, R)</c> at the end of month j; simulating months also
/// handles seats that grow from one year to the next.
/// </summary>
internal sealed class StorageAccumulator
{
    private readonly decimal[] _balances; // index 1..12H: GB at the end of month j

    public StorageAccumulator(Func<int, decimal> addedGbInYear, int? retentionMonths, int horizonYears)
    {
        var months = horizonYears * 12;
        var added = new decimal[months + 1];
        _balances = new decimal[months + 1];
        for (var j = 1; j <= months; j++)
        {
            added[j] = addedGbInYear(((j - 1) / 12) + 1);
            var balance = _balances[j - 1] + added[j];
            if (retentionMonths is { } r && j - r >= 1)
            {
                balance -= added[j - r];
            }

            _balances[j] = balance;
        }
    }

    /// <summary>GB at the end of month j (1-based over the whole horizon).</summary>
    public decimal BalanceAtMonth(int month) => _balances[month];

    /// <summary>Σ of the 12 month-end balances of year y: the GB-months that storage is billed on.</summary>
    public decimal GbMonthsInYear(int year)
    {
        var sum = 0m;
        for (var j = ((year - 1) * 12) + 1; j <= year * 12; j++)
        {
            sum += _balances[j];
        }

        return sum;
    }

    public decimal EndOfYear(int year) => _balances[year * 12];
}
