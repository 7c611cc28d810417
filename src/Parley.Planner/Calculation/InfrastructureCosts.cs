using Parley.Planner.Input;

namespace Parley.Planner.Calculation;

/// <summary>Component 2, infrastructure (PLANNER.md §3.5.4–8, §3.6.4–6): compute, storage, network, hardware, facility, RTC.</summary>
internal sealed class InfrastructureCosts(OptionSpec option, Workload workload, CapacityYear[] capacity, Diagnostics d)
{
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
            return instance.Count * instance.PerHour.OrZero * Units.HoursPerYear;
        }

        if (instance.PerMonth.IsSet)
        {
            return instance.Count * instance.PerMonth.OrZero * Units.MonthsPerYear;
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
                + (option.Rtc.Mode == RtcMode.SelfHostedSfu ? workload.SfuEgressGbPerMonth(y) : 0);
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
                return rtc.SfuInstances.Sum(InstanceYear);
            default:
                return 0;
        }
    }

    private decimal MinuteCost(decimal billableMinutes, Price pricePer1000) =>
        billableMinutes > 0 ? billableMinutes / 1000m * pricePer1000.Need(d, "call minutes exceed the free allowance") : 0;
}
