using Parley.Planner.Input;

namespace Parley.Planner.Calculation;

/// <summary>Component 1, licence or subscription (PLANNER.md §3.5.1–3), booked under <c>license</c>.</summary>
internal sealed class LicenseCosts(Workload workload, Diagnostics d)
{
    private int H => workload.Horizon;

    /// <summary>Books the licence and returns the licence base per year that support's <c>rate_of_license</c> applies to.</summary>
    public decimal[] Book(LicenseSpec license, CostLines lines, decimal[] escalation)
    {
        return license.Model switch
        {
            LicenseModel.Perpetual when license.Perpetual is { } p => BookPerpetual(p, lines.License, escalation),
            LicenseModel.SubscriptionSeat when license.Subscription is { } s => BookSubscription(s, lines.License, escalation),
            LicenseModel.Usage when license.Usage is { } u => BookUsage(u, lines.License, escalation),
            _ => new decimal[H + 1],
        };
    }

    /// <summary>
    /// §3.5.3: year 0 buys seats_1 (or the flat licence); seats added later are bought in the year they are added;
    /// maintenance from <c>maintenance_from_year</c> is a share of everything bought so far.
    /// </summary>
    private decimal[] BookPerpetual(PerpetualSpec p, decimal[] line, decimal[] escalation)
    {
        var owned = new decimal[H + 1];
        if (p.Flat.IsSet)
        {
            line[0] = p.Flat.OrZero;
        }
        else
        {
            var perSeat = p.PricePerSeat.Need(d, "the perpetual licence is priced per seat");
            line[0] = perSeat * workload.Seats[1];
            for (var y = 2; y <= H; y++)
            {
                line[y] = perSeat * Math.Max(0, workload.Seats[y] - workload.Seats[y - 1]);
            }
        }

        var cumulative = 0m;
        for (var y = 0; y <= H; y++)
        {
            cumulative += line[y];
            owned[y] = cumulative;
        }

        for (var y = Math.Max(1, p.MaintenanceFromYear); y <= H; y++)
        {
            var rate = p.MaintenanceRate ?? MissingMaintenanceRate(p, y);
            line[y] += rate * owned[y] * escalation[y];
        }

        return owned;
    }

    private decimal MissingMaintenanceRate(PerpetualSpec p, int year)
    {
        d.Error(p.Pointer + "/maintenance_rate",
            $"required number is missing: maintenance starts in year {p.MaintenanceFromYear} and year {year} is inside the horizon (write 0 for none)");
        return 0;
    }

    /// <summary>§3.5.1: <c>max(seats_y, min_seats) × price × 12</c>; the price given is the one for the chosen billing.</summary>
    private decimal[] BookSubscription(SeatSubscriptionSpec s, decimal[] line, decimal[] escalation)
    {
        var price = s.PricePerSeatMonth.Need(d, "the subscription is priced per seat per month");
        for (var y = 1; y <= H; y++)
        {
            var billed = s.Basis switch
            {
                SeatBasis.Active => workload.PeakDau(y),
                SeatBasis.Mau => workload.Mau(y),
                _ => workload.Seats[y],
            };
            line[y] = Math.Max(billed, s.MinSeats) * price * Units.MonthsPerYear * escalation[y];
        }

        return (decimal[])line.Clone();
    }

    /// <summary>§3.5.2 and §3.6.7: the monthly fee for each month's metric value, summed over the year.</summary>
    private decimal[] BookUsage(UsageSpec u, decimal[] line, decimal[] escalation)
    {
        for (var y = 1; y <= H; y++)
        {
            var year = 0m;
            for (var month = ((y - 1) * 12) + 1; month <= y * 12; month++)
            {
                year += UsagePricing.MonthlyFee(u, MetricValue(u.Metric, y, month), d);
            }

            line[y] = year * escalation[y];
        }

        return (decimal[])line.Clone();
    }

    private decimal MetricValue(UsageMetric metric, int year, int month) => metric switch
    {
        UsageMetric.PeakDau => workload.PeakDau(year),
        UsageMetric.Mau => workload.Mau(year),
        UsageMetric.PeakConcurrent => workload.PeakConnections(year),
        UsageMetric.Messages => workload.MessagesPerMonth(year),
        UsageMetric.Minutes => Sum(workload.CallMinutesPerMonth(year)),
        UsageMetric.Gb => workload.StoredGbAtMonth(month),
        _ => 0,
    };

    private static decimal Sum((decimal Audio, decimal Hd, decimal Fhd) minutes) => minutes.Audio + minutes.Hd + minutes.Fhd;
}
