using System.Text.Json.Nodes;
using Parley.Planner.Output;
using Parley.Planner.Pricing;

namespace Parley.Planner.Tests;

/// <summary>
/// Issue 15: a self_hosted_sfu option is sized from the capacity profile's SFU figures (Janus CPU and egress per forwarded
/// stream) unless it states its sfu_instances. Worked figures: 1 % of a core per 100 kbit/s stream; video calls of 5
/// (4 streams forwarded to each participant); 100 HD minutes per user and month; busy 8 h of 730/24 days, peak factor 3.
/// </summary>
public class SfuSizingTests
{
    private static readonly CapacityProfile Measured = TestScenario.Profile with { Sfu = new SfuProfile(1m, 100m, 50m) };

    private static TestScenario Scenario(int headcount, string rtc, JsonObject? calls = null)
    {
        var scenario = TestScenario.Create(headcount: headcount, horizon: 1).WithOption($$"""
            { "id": "vm", "deployment_model": "cloud_paas", "rtc": {{rtc}},
              "infrastructure": { "compute": { "sizing": "capacity_profile", "price_per_node_hour": 0.1 }, "egress": { "price_gb": 0.1 } } }
            """);
        scenario.Set("usage", "calls", calls ?? new JsonObject { ["video_min_per_user_month"] = new JsonObject { ["hd"] = 100 }, ["room_size"] = 5 });
        return scenario;
    }

    private static (SfuCapacity Sfu, PlanResult Result) Run(TestScenario scenario)
    {
        var result = scenario.Run(profile: Measured);
        var sfu = result.Options[0].Capacity.Sfu;
        Assert.True(sfu is not null, "a self_hosted_sfu option must report its SFU sizing");
        return (sfu!, result);
    }

    [Fact]
    public void Plan_SelfHostedSfuWithoutInstances_SizesFromProfile_AndGrowsWithParticipants()
    {
        // 1,000 users: 100,000 participant-minutes × 3 / (30.4167 × 8 × 60) = 20.548 at the peak; × 4 = 82.19 streams;
        // × 1 % = 0.822 cores / 0.6 = 1.370 vCPU → 1 node of 4 vCPU, 2 with HA → 2 × 0.1 × 8,760 = 1,752.
        var (small, smallResult) = Run(Scenario(1000, """{ "mode": "self_hosted_sfu" }"""));
        Assert.Equal(20.548m, Math.Round(small.PeakParticipants, 3));
        Assert.Equal(4, small.StreamsPerParticipant);
        Assert.Equal(1.370m, Math.Round(small.VcpuRequired!.Value, 3));
        Assert.Equal((1, 2, true), (small.Instances, small.InstancesWithHa, small.Sized));
        Assert.Equal(1752m, smallResult.Options[0].Years[1].Components.Infrastructure.Rtc);

        // Ten times the users: 13.70 vCPU → 4 nodes, 5 with HA.
        var (large, largeResult) = Run(Scenario(10000, """{ "mode": "self_hosted_sfu" }"""));
        Assert.True(large.VcpuRequired > small.VcpuRequired * 9.99m, $"the SFU's vCPUs must grow with the participants ({small.VcpuRequired} → {large.VcpuRequired})");
        Assert.Equal((4, 5), (large.Instances, large.InstancesWithHa));
        Assert.Equal(5 * 0.1m * 8760, largeResult.Options[0].Years[1].Components.Infrastructure.Rtc);
    }

    [Fact]
    public void Plan_SfuEntryWithoutCount_SizesInstancesOfItsVcpu()
    {
        // 13.70 vCPU / 8 vCPU per instance → 2, 3 with HA → 3 × 0.34 × 8,760 = 8,935.2.
        var (sfu, result) = Run(Scenario(10000, """{ "mode": "self_hosted_sfu", "sfu_instances": [ { "type": "c6i.2xlarge", "vcpu": 8, "price_per_hour": 0.34 } ] }"""));
        Assert.Equal((2, 3, 8m, "c6i.2xlarge"), (sfu.Instances, sfu.InstancesWithHa, sfu.InstanceVcpu!.Value, sfu.InstanceType));
        Assert.Equal(8935.2m, result.Options[0].Years[1].Components.Infrastructure.Rtc);
    }

    [Fact]
    public void Plan_SfuInstancesGiven_OverrideTheSizing()
    {
        var (sfu, result) = Run(Scenario(10000, """{ "mode": "self_hosted_sfu", "sfu_instances": [ { "type": "janus", "count": 3, "price_per_month": 50 } ] }"""));
        Assert.Equal(1800m, result.Options[0].Years[1].Components.Infrastructure.Rtc);
        Assert.Equal((3, 3, false), (sfu.Instances, sfu.InstancesWithHa, sfu.Sized));
        Assert.True(sfu.VcpuRequired is not null, "the measured need is still reported next to the stated instances");
    }

    [Fact]
    public void Plan_SfuEgress_UsesTheProfilesBandwidthPerStream_UnlessTheScenarioStatesABitrate()
    {
        // 100,000 min × 4 streams × 100 kbit/s × 60 / 8 / 10⁶ = 300 GB, plus 1,000 × 0.05 = 50 GB → 350 × 0.1 × 12 = 420.
        var (sfu, result) = Run(Scenario(1000, """{ "mode": "self_hosted_sfu" }"""));
        Assert.Equal((300m, 100m), (sfu.EgressGbPerMonth, sfu.KbpsPerStream));
        Assert.Equal(420m, result.Options[0].Years[1].Components.Infrastructure.Network);
        Assert.Contains(result.Notices, n => n.Code == "sfu_measured_bitrate" && n.Args["kbps"] == "100");

        // A stated HD bitrate wins for the egress; the SFU's CPU per forwarded stream stays the measured one.
        var stated = new JsonObject { ["video_min_per_user_month"] = new JsonObject { ["hd"] = 100 }, ["room_size"] = 5, ["bitrate_kbps"] = new JsonObject { ["hd"] = 1500 } };
        var (hd, hdResult) = Run(Scenario(1000, """{ "mode": "self_hosted_sfu" }""", stated));
        Assert.Equal(4500m, hd.EgressGbPerMonth);
        Assert.Equal((1500m, sfu.VcpuRequired), (hd.KbpsPerStream, hd.VcpuRequired));
        Assert.DoesNotContain(hdResult.Notices, n => n.Code == "sfu_measured_bitrate");
    }

    [Fact]
    public void Plan_ProfileWithoutSfuFigures_AndNoInstances_IsAnErrorNamingSfuInstances()
    {
        var errors = Scenario(1000, """{ "mode": "self_hosted_sfu" }""").Errors();
        Assert.Contains(errors, e => e.Pointer == "/options/0/rtc/sfu_instances");
    }

    [Fact]
    public void Report_SelfHostedSfu_ShowsTheSfuSizingLine()
    {
        var (_, result) = Run(Scenario(1000, """{ "mode": "self_hosted_sfu" }"""));
        var text = ReportFormatter.Format(result, "table");
        Assert.Contains("SFU: 20.55 call participants at the peak × 4 stream(s) each = 82.19 forwarded streams at 100 kbit/s; 1.37 vCPU → 1 instance(s) of 4 vCPU, 2 with HA; media egress 300 GB/month", text, StringComparison.Ordinal);
    }
}
