using Parley.Planner.Calculation;
using Parley.Planner.Output;

namespace Parley.Planner.Tests;

/// <summary>
/// Worked example of §3.5.4 with the test profile (2,000 conn/vCPU, 5,000 deliveries/vCPU-s, 100 KB/conn, 2 GB base),
/// default usage (online 0.7, 1.5 devices, DAU 0.8, 50 msgs/day, 8 busy hours, peak ×3, fan-out 5),
/// nodes of 4 vCPU / 16 GB, N+1 and one database node.
/// </summary>
public class CapacitySizingTests
{
    private static TestScenario Vms(int headcount) => TestScenario.Create(headcount: headcount, horizon: 1).WithOption("""
        { "id": "vm", "deployment_model": "private_cloud_iaas",
          "infrastructure": { "compute": { "sizing": "capacity_profile", "price_per_node_hour": 0.2 } } }
        """);

    [Fact]
    public void Size_TenThousandUsers_WorksThroughEveryFormula()
    {
        // peak_conn = ceil(10,000 × 0.7 × 1.5) = 10,500
        // avg msg/s = 10,000 × 0.8 × 50 / (8 × 3,600) = 13.888…; peak × 3 = 41.666…; deliveries × 5 = 208.333…
        // vCPU = max(10,500 / 2,000, 208.333 / 5,000) / 0.6 = 5.25 / 0.6 = 8.75
        // mem = (10,500 × 100 / 10⁶ + 2) / 0.8 = 3.05 / 0.8 = 3.8125 GB
        // app nodes = max(ceil(8.75 / 4), ceil(3.8125 / 16)) = 3; with N+1 = 4; DB 1 + 1 = 2
        var result = Vms(10_000).Run();
        var c = result.Options[0].Capacity;

        Assert.Equal(10_500, c.PeakConnections);
        Assert.Equal(41.6667m, Math.Round(c.PeakMsgsPerSec, 4));
        Assert.Equal(208.3333m, Math.Round(c.PeakDeliveriesPerSec, 4));
        Assert.Equal(8.75m, c.VcpuRequired);
        Assert.Equal(3.8125m, c.MemGbRequired);
        Assert.Equal(3, c.AppNodes);
        Assert.Equal(4, c.AppNodesWithHa);
        Assert.Equal(2, c.DbNodes);
    }

    [Fact]
    public void Plan_CapacitySizedVms_CostNodesTimesNodeHourPrice()
    {
        // (4 app + 2 DB) × 0.2 × 8,760 = 10,512 per year.
        var result = Vms(10_000).Run();

        Assert.Equal(10_512m, result.Options[0].Years[1].Components.Infrastructure.Compute);
    }

    [Theory]
    [InlineData(1_000, 1)]   // 1,050 conn → 0.875 vCPU → 1 node
    [InlineData(5_000, 2)]   // 5,250 conn → 4.375 vCPU → 2 nodes
    [InlineData(10_000, 3)]  // 8.75 vCPU → 3 nodes
    [InlineData(20_000, 5)]  // 21,000 conn → 17.5 vCPU → 5 nodes
    public void Size_GrowingUsers_AddsNodesInWholeSteps(int users, int appNodes)
    {
        Assert.Equal(appNodes, Vms(users).Run().Options[0].Capacity.AppNodes);
    }

    [Fact]
    public void Size_NoHighAvailability_AddsNoSpareNodes()
    {
        var scenario = Vms(10_000);
        scenario.SetRoot("capacity_profile", new System.Text.Json.Nodes.JsonObject { ["ha"] = "none", ["db_nodes"] = 1 });

        var c = scenario.Run().Options[0].Capacity;

        Assert.Equal(3, c.AppNodesWithHa);
        Assert.Equal(1, c.DbNodes);
    }

    [Fact]
    public void Size_ScenarioOverridesMeasuredFigure_UsesTheScenarioValue()
    {
        // conn_per_vcpu 1,000 from the scenario: 10,500 / 1,000 / 0.6 = 17.5 vCPU.
        var scenario = Vms(10_000);
        scenario.SetRoot("capacity_profile", new System.Text.Json.Nodes.JsonObject { ["conn_per_vcpu"] = 1000 });

        Assert.Equal(17.5m, scenario.Run().Options[0].Capacity.VcpuRequired);
    }

    [Fact]
    public void Plan_OnPremServersWithoutQty_BuyTheSizedNodeCount()
    {
        // 10,000 users → 6 nodes (4 app + 2 DB) × 30,000 = 180,000 at year 0.
        var result = TestScenario.Create(headcount: 10_000, horizon: 1).WithOption("""
            { "id": "own", "deployment_model": "private_onprem",
              "infrastructure": { "compute": { "sizing": "capacity_profile" },
                                  "hardware": { "servers": [ { "unit_price": 30000, "watts_avg": 0 } ] },
                                  "facility": { "electricity_price_kwh": 1 } } }
            """).Run();

        Assert.Equal(180_000m, result.Options[0].Years[0].Components.Infrastructure.Hardware);
    }

    [Fact]
    public void Size_ConnectionsOutweighDeliveries_NamesCpuForConnectionsAndTheHeadroom()
    {
        // 10,000 users: connections need 8.75 vCPU → 3 nodes, deliveries 0.07 vCPU → 1, memory 3.8 GB → 1.
        var c = Vms(10_000).Run().Options[0].Capacity;

        Assert.Equal(CapacityConstraint.CpuConnections, c.Binding);
        Assert.Equal(3, c.NodesByConstraint[CapacityConstraint.CpuConnections]);
        Assert.Equal(1, c.NodesByConstraint[CapacityConstraint.CpuDeliveries]);
        Assert.Equal(1, c.NodesByConstraint[CapacityConstraint.Memory]);
        Assert.False(c.NodesByConstraint.ContainsKey(CapacityConstraint.OpenFiles), "the test profile measured no per-process limit");
        Assert.Equal(new CapacityHeadroom(0.6m, 0.8m, 1), c.Headroom);
    }

    [Fact]
    public void Size_ProcessHoldsFewerConnectionsThanCpuAllows_OpenFilesBind()
    {
        // 10,500 connections, 2,000 per process → 6 nodes, more than CPU's 3: the open-files limit binds.
        var profile = TestScenario.Profile with { MaxConnPerProcess = 2_000m };
        var c = Vms(10_000).Run(profile: profile).Options[0].Capacity;

        Assert.Equal(CapacityConstraint.OpenFiles, c.Binding);
        Assert.Equal(6, c.AppNodes);
        Assert.Equal(7, c.AppNodesWithHa);
    }

    [Fact]
    public void Size_LargeMemoryPerConnection_MemoryBinds()
    {
        // 10,500 × 2,000 KB = 21 GB + 2 → / 0.8 = 28.75 GB → 2 nodes of 16 GB; CPU with 1,000,000 conn/vCPU: 1 node.
        var profile = TestScenario.Profile with { MemKbPerConn = 2_000m, ConnPerVcpu = 1_000_000m };
        var c = Vms(10_000).Run(profile: profile).Options[0].Capacity;

        Assert.Equal(CapacityConstraint.Memory, c.Binding);
        Assert.Equal(2, c.AppNodes);
    }
}
