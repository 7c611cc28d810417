using Parley.Planner.Input;
using Parley.Planner.Output;

namespace Parley.Planner.Calculation;

/// <summary>Turns booked cost lines into the output rows: totals, discounting, cumulative sums, comparisons.</summary>
internal static class ResultBuilder
{
    public static OptionResult Option(OptionCosts costs, Scenario scenario, Workload workload)
    {
        var meta = scenario.Meta;
        var lines = costs.Lines;
        var totals = lines.Totals();
        var years = new List<YearResult>();
        decimal cumulative = 0, cumulativePv = 0, pvTotal = 0;
        for (var y = 0; y <= meta.HorizonYears; y++)
        {
            var factor = Discounting.Factor(meta.DiscountRate, meta.Timing, y);
            var pv = totals[y] * factor;
            cumulative += totals[y];
            cumulativePv += pv;
            pvTotal += pv;
            years.Add(new YearResult(
                y,
                workload.Seats[y],
                new Components(
                    lines.License[y],
                    new InfrastructureBreakdown(lines.Compute[y], lines.Storage[y], lines.Network[y], lines.Hardware[y], lines.Facility[y], lines.Rtc[y]),
                    lines.Implementation[y],
                    lines.Customization[y],
                    lines.Training[y],
                    lines.Operations[y],
                    lines.Support[y],
                    lines.Downtime[y]),
                totals[y],
                factor,
                pv,
                cumulative,
                cumulativePv));
        }

        var seatMonths = workload.Seats.Skip(1).Sum(s => s * 12m);
        var option = costs.Option;
        return new OptionResult(
            option.Id,
            option.Label,
            ModelName(option.Model),
            years,
            new Totals(cumulative, pvTotal, seatMonths == 0 ? 0 : cumulative / seatMonths),
            Capacity(costs, workload));
    }

    private static CapacityResult Capacity(OptionCosts costs, Workload workload)
    {
        var sizedFor = 1;
        for (var y = 2; y <= workload.Horizon; y++)
        {
            if (workload.Seats[y] > workload.Seats[sizedFor])
            {
                sizedFor = y;
            }
        }

        var c = costs.Capacity[sizedFor];
        return new CapacityResult(
            c.PeakConnections, c.PeakMessagesPerSec, c.PeakDeliveriesPerSec, c.VcpuRequired, c.MemGbRequired,
            c.AppNodes, c.AppNodesWithHa, c.DbNodes, sizedFor,
            Enumerable.Range(1, workload.Horizon).Select(workload.StoredGbEndOfYear).ToList(),
            c.Binding, c.NodesByConstraint, c.Headroom)
        {
            Sfu = costs.Sfu[sizedFor],
        };
    }

    /// <summary>§3.6.2: one entry per (candidate, baseline, basis) for nominal and PV.</summary>
    public static List<ComparisonResult> Comparisons(IReadOnlyList<OptionResult> options, string baselineId)
    {
        var comparisons = new List<ComparisonResult>();
        var baseline = options.FirstOrDefault(o => o.Id == baselineId);
        if (baseline is null)
        {
            return comparisons;
        }

        foreach (var candidate in options.Where(o => o.Id != baselineId))
        {
            foreach (var basis in new[] { "nominal", "pv" })
            {
                var a = candidate.Years.Select(y => basis == "pv" ? y.CumulativePv : y.Cumulative).ToList();
                var b = baseline.Years.Select(y => basis == "pv" ? y.CumulativePv : y.Cumulative).ToList();
                var (year, fraction) = BreakEven.Find(a, b);
                comparisons.Add(new ComparisonResult(candidate.Id, baseline.Id, basis, year, fraction, b[^1] - a[^1]));
            }
        }

        return comparisons;
    }

    private static string ModelName(DeploymentModel model) => model switch
    {
        DeploymentModel.PrivateCloudIaas => "private_cloud_iaas",
        DeploymentModel.CloudPaas => "cloud_paas",
        DeploymentModel.Saas => "saas",
        DeploymentModel.PrivateOnprem => "private_onprem",
        _ => "unknown",
    };
}
