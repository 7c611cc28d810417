using Parley.Planner.Output;
using Parley.Planner.Input;
using Parley.Planner.Pricing;

namespace Parley.Planner.Calculation;

/// <summary>The capacity needed in one year, from the measured profile (PLANNER.md §3.5.4).</summary>
internal sealed record CapacityYear(
    int PeakConnections,
    decimal PeakMessagesPerSec,
    decimal PeakDeliveriesPerSec,
    decimal VcpuRequired,
    decimal MemGbRequired,
    int AppNodes,
    int AppNodesWithHa,
    int DbNodes,
    string Binding,
    IReadOnlyDictionary<string, int> NodesByConstraint,
    CapacityHeadroom Headroom)
{
    public int TotalNodes => AppNodesWithHa + DbNodes;
}

/// <summary>The limits a node count is taken from; the largest binds (issue 21: the report names it).</summary>
public static class CapacityConstraint
{
    public const string CpuDeliveries = "cpu_deliveries";
    public const string CpuConnections = "cpu_connections";
    public const string Memory = "memory";
    public const string OpenFiles = "open_files";
}

/// <summary>
/// Step-linear sizing: nodes grow in whole steps as load crosses multiples of one node's capacity, so cost
/// grows linearly with users in the large and in steps in the small (the article's "linear or exponential?").
/// </summary>
internal sealed class CapacitySizing
{
    private readonly SizingParameters _sizing;

    public CapacitySizing(SizingParameters sizing, CapacityProfile profile)
    {
        _sizing = sizing;
        ConnPerVcpu = sizing.ConnPerVcpu ?? profile.ConnPerVcpu;
        DeliveriesPerVcpuSec = sizing.DeliveriesPerVcpuSec ?? profile.DeliveriesPerVcpuSec;
        MemKbPerConn = sizing.MemKbPerConn ?? profile.MemKbPerConn;
        BaseMemGb = sizing.BaseMemGb ?? profile.BaseMemGb;
        MaxConnPerProcess = profile.MaxConnPerProcess;
        Sfu = profile.Sfu;
        // The placeholder still matters unless the scenario replaced every measured figure.
        UsesPlaceholder = profile.Provenance.Placeholder &&
            (sizing.ConnPerVcpu is null || sizing.DeliveriesPerVcpuSec is null || sizing.MemKbPerConn is null || sizing.BaseMemGb is null);
        Source = sizing.Source ?? profile.Provenance.Describe();
    }

    public decimal ConnPerVcpu { get; }
    public decimal DeliveriesPerVcpuSec { get; }
    public decimal MemKbPerConn { get; }
    public decimal BaseMemGb { get; }
    public decimal? MaxConnPerProcess { get; }
    public SfuProfile? Sfu { get; }
    public bool UsesPlaceholder { get; }
    public string Source { get; }
    public SizingParameters Parameters => _sizing;

    public CapacityYear Size(Workload workload, int year)
    {
        var usage = workload.Usage;
        var seats = workload.Seats[year];
        var peakConn = workload.PeakConnections(year);
        var avgMsgPerSec = seats * usage.DauRatio * usage.MessagesPerUserPerDay / (usage.BusyHoursPerDay * 3600m);
        var peakMsgPerSec = avgMsgPerSec * usage.PeakFactor;
        var peakDeliveries = peakMsgPerSec * usage.AvgFanout;
        var vcpuForConnections = peakConn / ConnPerVcpu / _sizing.TargetCpuUtil;
        var vcpuForDeliveries = peakDeliveries / DeliveriesPerVcpuSec / _sizing.TargetCpuUtil;
        var vcpu = Math.Max(vcpuForConnections, vcpuForDeliveries);
        var memGb = ((peakConn * MemKbPerConn / 1_000_000m) + BaseMemGb) / _sizing.TargetMemUtil;
        // One server process per node: the open-files limit caps its connections whatever its CPU and memory.
        // In order of precedence when two constraints ask for the same count (the first one named binds).
        var nodesBy = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [CapacityConstraint.CpuDeliveries] = Units.CeilCount(vcpuForDeliveries / _sizing.NodeVcpu),
            [CapacityConstraint.CpuConnections] = Units.CeilCount(vcpuForConnections / _sizing.NodeVcpu),
            [CapacityConstraint.Memory] = Units.CeilCount(memGb / _sizing.NodeMemGb),
        };
        if (MaxConnPerProcess is { } perProcess) nodesBy[CapacityConstraint.OpenFiles] = Units.CeilCount(peakConn / perProcess);
        var binding = nodesBy.Aggregate((best, next) => next.Value > best.Value ? next : best);
        var appNodes = Math.Max(1, binding.Value);
        var ha = _sizing.HighAvailability ? 1 : 0;
        return new CapacityYear(peakConn, peakMsgPerSec, peakDeliveries, vcpu, memGb, appNodes, appNodes + ha, _sizing.DbNodes + ha,
            binding.Key, nodesBy, new CapacityHeadroom(_sizing.TargetCpuUtil, _sizing.TargetMemUtil, ha));
    }
}
