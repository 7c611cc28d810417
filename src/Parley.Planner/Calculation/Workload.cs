using Parley.Planner.Input;

namespace Parley.Planner.Calculation;

/// <summary>
/// What the organisation does with chat in each year, independent of how it is deployed: seats, usage
/// metrics, message and file storage, traffic and call minutes. Every option is priced against the same workload.
/// </summary>
internal sealed class Workload
{
    public Workload(Scenario scenario, decimal storedBytesPerMessage)
    {
        var usage = scenario.Usage;
        var horizon = scenario.Meta.HorizonYears;
        Horizon = horizon;
        Usage = usage;
        Seats = SeatPlan.Build(scenario.Organization.Headcount, scenario.Organization.AnnualGrowthRate, scenario.Organization.GrowthMode, horizon);
        StoredBytesPerMessage = storedBytesPerMessage;
        // §3.6.5: seats × dau_ratio × messages/day × (730/24) days × bytes / 10⁹ GB per month.
        Messages = new StorageAccumulator(
            y => Seats[y] * usage.DauRatio * usage.MessagesPerUserPerDay * Units.DaysPerMonth * storedBytesPerMessage / 1_000_000_000m,
            usage.MessageRetentionMonths,
            horizon);
        // §3.5.5: seats × MB/user/month / 1,000 GB per month.
        Files = new StorageAccumulator(y => Seats[y] * usage.FileMbPerUserMonth / 1000m, usage.FileRetentionMonths, horizon);
    }

    public int Horizon { get; }
    public Usage Usage { get; }
    public int[] Seats { get; }
    public decimal StoredBytesPerMessage { get; }
    public StorageAccumulator Messages { get; }
    public StorageAccumulator Files { get; }

    /// <summary>§3.6.7: peak DAU = seats × dau_ratio; counted in whole users (§3.1 rounding).</summary>
    public int PeakDau(int year) => Units.CeilCount(Seats[year] * Usage.DauRatio);

    public int Mau(int year) => Units.CeilCount(Seats[year] * Usage.MauRatio);

    /// <summary>§3.5.4: peak_conn = ceil(N × peak_online_ratio × devices_per_online_user).</summary>
    public int PeakConnections(int year) => Units.CeilCount(Seats[year] * Usage.PeakOnlineRatio * Usage.DevicesPerOnlineUser);

    public decimal MessagesPerMonth(int year) => Seats[year] * Usage.DauRatio * Usage.MessagesPerUserPerDay * Units.DaysPerMonth;

    public (decimal Audio, decimal Hd, decimal Fhd) CallMinutesPerMonth(int year) =>
        (Seats[year] * Usage.Calls.AudioMinutes, Seats[year] * Usage.Calls.HdMinutes, Seats[year] * Usage.Calls.FhdMinutes);

    /// <summary>Stored GB (messages plus files) at the end of month j.</summary>
    public decimal StoredGbAtMonth(int month) => Messages.BalanceAtMonth(month) + Files.BalanceAtMonth(month);

    public decimal StoredGbEndOfYear(int year) => Messages.EndOfYear(year) + Files.EndOfYear(year);
}
