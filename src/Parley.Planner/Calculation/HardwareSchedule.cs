using Parley.Planner.Input;

namespace Parley.Planner.Calculation;

/// <summary>
/// Owned servers over the horizon (PLANNER.md §3.5.8, §3.6.4): capex when a batch is bought (year 0, then
/// every <c>life</c> years while ≤ H if refreshed), extended warranty in years p + w &lt; y ≤ p + life of
/// each batch, and a straight-line residual credit at H for the batch still in service.
/// </summary>
internal static class HardwareSchedule
{
    public static void Book(HardwareSpec hardware, int sizedNodes, bool sized, CostLines lines, int horizon, Diagnostics d)
    {
        lines.Hardware[0] += hardware.OtherCapex.OrZero;
        foreach (var server in hardware.Servers)
        {
            var qty = Quantity(server, sizedNodes, sized, d);
            var unitPrice = server.UnitPrice.Need(d, "owned servers are bought at year 0");
            var batchPrice = qty * unitPrice;
            var life = server.LifeYears;
            var purchases = hardware.Refresh
                ? Enumerable.Range(0, (horizon / life) + 1).Select(k => k * life).ToList()
                : [0];

            foreach (var p in purchases)
            {
                lines.Hardware[p] += batchPrice;
                for (var y = Math.Max(1, p + hardware.WarrantyIncludedYears + 1); y <= Math.Min(horizon, p + life); y++)
                {
                    var rate = hardware.ExtendedWarrantyRate ?? MissingWarrantyRate(hardware, y, d);
                    lines.Hardware[y] += rate * batchPrice;
                }
            }

            if (hardware.StraightLineResidual)
            {
                var age = horizon - purchases[^1];
                if (age < life)
                {
                    // A negative cost: the value the organisation still owns at the horizon.
                    lines.Hardware[horizon] -= batchPrice * (life - age) / life;
                }
            }
        }
    }

    /// <summary>Servers without qty take the node count sized from the capacity profile (an extension of §3.5.4 for owned hardware).</summary>
    public static int Quantity(ServerSpec server, int sizedNodes, bool sized, Diagnostics d) =>
        server.Qty ?? (sized ? sizedNodes : MissingQty(server, d));

    private static int MissingQty(ServerSpec server, Diagnostics d)
    {
        d.Error(server.Pointer + "/qty", "required integer is missing: give qty, or size the servers with compute.sizing = capacity_profile");
        return 0;
    }

    private static decimal MissingWarrantyRate(HardwareSpec hardware, int year, Diagnostics d)
    {
        d.Error(hardware.Pointer + "/extended_warranty_rate",
            $"required number is missing: year {year} is past the {hardware.WarrantyIncludedYears} included warranty years (write 0 to run without extended warranty)");
        return 0;
    }
}
