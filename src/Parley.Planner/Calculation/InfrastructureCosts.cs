using Parley.Planner.Output;
using Parley.Planner.Input;

namespace Parley.Planner.Calculation;

/// <summary>Component 2, infrastructure (PLANNER.md §3.5.4–8, §3.6.4–6): compute, storage, network, hardware, facility, RTC.</summary>
internal sealed class InfrastructureCosts(OptionSpec option, Workload workload, CapacityYear[] capacity, SfuSizing sfu, int nodeVcpu, Diagnostics d)
{
    /// <summary>The SFU of a self_hosted_sfu option per year 0..H (null otherwise), filled by <see cref="Book"/>.</summary>
    public SfuCapacity?[] Sfu { get; } = new SfuCapacity?[workload.Horizon + 1];

    private int H => workload.Horizon;
    private InfrastructureSpec Infra => option.Infrastructure;
    private bool Sized => Infra.Compute?.Sizing == ComputeSizing.CapacityProfile;

    /// <summary>Owned servers are bought once for the largest year's load, since hardware cannot shrink and grow with seats.</summary>
    private int PeakNodes => capacity.Skip(1).Max(c => c.TotalNodes);

    public void Book(CostLines lines, decimal[] escalation)
    {
        RequireBlocks();
        for (var y = 1; y <= H; y++)
        {
            lines.Compute[y] = Compute(y) * escalation[y];
            lines.Storage[y] = Storage(y) * escalation[y];
            lines.Network[y] = Network(y) * escalation[y];
            lines.Facility[y] = Facility() * escalation[y];
            lines.Rtc[y] = Rtc(y) * escalation[y];
        }

        if (Infra.Hardware is { } hardware)
        {
            HardwareSchedule.Book(hardware, PeakNodes, Sized, lines, H, d);
        }
    }

    private void RequireBlocks()
    {
        if (option.Model == DeploymentModel.PrivateCloudIaas && Infra.Compute is null)
        {
            d.Error(Infra.Pointer + "/compute", "required object is missing: a private_cloud_iaas option runs on priced VMs");
        }

        if (option.Model == DeploymentModel.PrivateOnprem && Infra.Hardware is null)
        {
            d.Error(Infra.Pointer + "/hardware", "required object is missing: a private_onprem option runs on owned servers");
        }

        if (Infra.Hardware is { Servers.Count: > 0 } && Infra.Facility is null)
        {
            d.Error(Infra.Pointer + "/facility", "required object is missing: owned servers draw power (W × PUE × electricity price)");
        }
    }

    private decimal Compute(int y)
    {
        if (Infra.Compute is not { } compute)
        {
            return 0;
        }

        if (compute.Sizing == ComputeSizing.Fixed)
        {
            return compute.Instances.Sum(InstanceYear);
        }

        // Owned servers carry the sized nodes for an on-premises option; VMs are rented per node-hour each year.
        if (option.Model == DeploymentModel.PrivateOnprem && Infra.Hardware is not null && !compute.PricePerNodeHour.IsSet)
        {
            return 0;
        }

        var price = compute.PricePerNodeHour.Need(d, "compute is sized from the capacity profile and billed per node-hour");
        return capacity[y].TotalNodes * price * Units.HoursPerYear;
    }

    private decimal InstanceYear(InstanceSpec instance)
    {
        if (instance.PerHour.IsSet)
        {
            return (instance.Count ?? 0) * instance.PerHour.OrZero * Units.HoursPerYear;
        }

        if (instance.PerMonth.IsSet)
        {
            return (instance.Count ?? 0) * instance.PerMonth.OrZero * Units.MonthsPerYear;
        }

        if (instance.Count > 0)
        {
            d.Error(instance.Pointer + "/price_per_hour", "missing price: an instance needs price_per_hour or price_per_month");
        }

        return 0;
    }

    private decimal Storage(int y)
    {
        var cost = 0m;
        if (Infra.BlockStorage is { } block)
        {
            var price = block.PriceGbMonth.Need(d, "block storage is billed per GB-month");
            cost += block.UsedBasis
                ? workload.Messages.GbMonthsInYear(y) * price
                : (block.Gb ?? 0) * price * Units.MonthsPerYear;
        }

        if (Infra.ObjectStoragePriceGbMonth is { } objectPrice)
        {
            cost += workload.Files.GbMonthsInYear(y) * objectPrice.Need(d, "object storage is billed per GB-month of files");
        }

        return cost;
    }

    private decimal Network(int y)
    {
        var cost = Infra.DedicatedLineMonth.OrZero * Units.MonthsPerYear;
        if (Infra.Egress is { } egress)
        {
            var gbPerMonth = (workload.Seats[y] * workload.Usage.DownloadGbPerUserMonth)
                + (option.Rtc.Mode == RtcMode.SelfHostedSfu ? sfu.EgressGbPerMonth(y) : 0);
            var billable = Math.Max(0, gbPerMonth - egress.FreeGbMonth);
            if (billable > 0)
            {
                cost += billable * egress.PriceGb.Need(d, "egress exceeds the free allowance") * Units.MonthsPerYear;
            }
        }

        return cost;
    }

    /// <summary>§3.5.7: Σ qty × W × PUE × 8,760 / 1,000 × price per kWh, plus rented racks.</summary>
    private decimal Facility()
    {
        if (Infra.Facility is not { } facility)
        {
            return 0;
        }

        var kwh = 0m;
        foreach (var server in Infra.Hardware?.Servers ?? [])
        {
            var qty = server.Qty ?? (Sized ? PeakNodes : 0);
            if (qty == 0)
            {
                continue;
            }

            if (server.WattsAvg is not { } watts)
            {
                d.Error(server.Pointer + "/watts_avg", "required number is missing: the server's average draw prices its power");
                continue;
            }

            kwh += qty * watts * facility.Pue * Units.HoursPerYear / 1000m;
        }

        var power = kwh > 0 ? kwh * facility.ElectricityPriceKwh.Need(d, "owned servers draw power") : 0;
        return power + (facility.Racks * facility.RackPriceMonth.OrZero * Units.MonthsPerYear);
    }

    private decimal Rtc(int y)
    {
        var rtc = option.Rtc;
        switch (rtc.Mode)
        {
            case RtcMode.CloudMinutes:
                var (audio, hd, fhd) = workload.CallMinutesPerMonth(y);
                var minutes = new Dictionary<string, decimal> { ["audio"] = audio, ["hd"] = hd, ["fhd"] = fhd };
                // The free allowance is used up in the vendor's order (Agora deducts audio first, §2.1).
                var free = rtc.FreeMinutesMonth;
                foreach (var kind in rtc.FreeMinutesOrder)
                {
                    var used = Math.Min(free, minutes[kind]);
                    minutes[kind] -= used;
                    free -= used;
                }

                var month = MinuteCost(minutes["audio"], rtc.Audio) + MinuteCost(minutes["hd"], rtc.Hd) + MinuteCost(minutes["fhd"], rtc.Fhd);
                return month * Units.MonthsPerYear;
            case RtcMode.SelfHostedSfu:
                var (plan, cost) = SelfHostedSfu(y);
                Sfu[y] = plan;
                return cost;
            default:
                return 0;
        }
    }

    /// <summary>
    /// The SFU's instances and their yearly cost. Stated counts are priced as given (the sizing is still reported); an
    /// entry without count, or no sfu_instances at all, is sized from the capacity profile's SFU figures: an entry's
    /// instances of its vcpu (else the profile's node shape), or nodes of that shape billed at compute.price_per_node_hour.
    /// </summary>
    private (SfuCapacity Plan, decimal Cost) SelfHostedSfu(int y)
    {
        var instances = option.Rtc.SfuInstances;
        var need = sfu.Size(y);
        SfuCapacity Plan(string type, decimal? vcpu, int count, int withHa, bool sized) =>
            new(need.PeakParticipants, need.StreamsPerParticipant, need.ForwardedStreams, sfu.HdKbps, need.VcpuRequired, type, vcpu, count, withHa, sized, need.EgressGbPerMonth);

        if (sfu.UsesMeasuredBitrate(y))
        {
            var kbps = Math.Round(sfu.HdKbps, 1).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            d.Warn("sfu_measured_bitrate", $"the SFU's media egress counts the measured {kbps} kbit/s per forwarded video stream (Parley's benchmark with a small test video); set usage.calls.bitrate_kbps for HD video",
                ("kbps", kbps));
        }

        var toSize = instances.Where(i => i.Count is null).ToList();
        if (instances.Count > 0 && toSize.Count == 0)
        {
            var given = instances.Sum(i => i.Count ?? 0);
            return (Plan(string.Join(", ", instances.Select(i => i.Type).Where(t => t.Length > 0).Distinct()), null, given, given, sized: false), instances.Sum(InstanceYear));
        }

        if (toSize.Count > 1)
        {
            d.Error(toSize[1].Pointer + "/count", "required integer is missing: only one sfu_instances entry may leave its count to the capacity profile");
        }

        var entry = toSize.FirstOrDefault();
        if (need.VcpuRequired is not { } vcpu)
        {
            d.Error(entry is null ? option.Rtc.Pointer + "/sfu_instances" : entry.Pointer + "/count",
                "required: the capacity profile has no SFU measurement (sfu_cpu_percent_per_stream, sfu_kbps_per_stream) to size the SFU from; state the instances");
            return (Plan(entry?.Type ?? "", null, 0, 0, sized: true), 0);
        }

        var instanceVcpu = entry?.Vcpu ?? nodeVcpu;
        var (count, withHa) = sfu.Instances(vcpu, need.PeakParticipants, instanceVcpu);
        var plan = Plan(entry?.Type ?? "", instanceVcpu, count, withHa, sized: true);
        if (entry is not null)
        {
            return (plan, instances.Where(i => i.Count is not null).Sum(InstanceYear) + InstanceYear(entry with { Count = withHa }));
        }

        var price = Infra.Compute?.PricePerNodeHour ?? new Price(null, Infra.Pointer + "/compute/price_per_node_hour");
        return (plan, withHa == 0 ? 0 : withHa * price.Need(d, "the SFU is sized in nodes of the capacity profile's shape (no sfu_instances) and billed per node-hour") * Units.HoursPerYear);
    }

    private decimal MinuteCost(decimal billableMinutes, Price pricePer1000) =>
        billableMinutes > 0 ? billableMinutes / 1000m * pricePer1000.Need(d, "call minutes exceed the free allowance") : 0;
}
