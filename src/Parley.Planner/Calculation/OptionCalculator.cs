using Parley.Planner.Output;
using Parley.Planner.Input;

namespace Parley.Planner.Calculation;

/// <summary>Books every cost of one option into years 0..H following PLANNER.md §3.5.</summary>
internal sealed class OptionCalculator(Scenario scenario, Workload workload, CapacitySizing sizing, Diagnostics d)
{
    private int H => scenario.Meta.HorizonYears;
    private int[] Seats => workload.Seats;

    public OptionCosts Calculate(OptionSpec option)
    {
        var lines = new CostLines(H);
        var capacity = Enumerable.Range(0, H + 1).Select(y => sizing.Size(workload, Math.Max(1, y))).ToArray();
        var escalation = Enumerable.Range(0, H + 1)
            .Select(y => y == 0 ? 1m : Units.Power(1m + scenario.Meta.PriceEscalationRate, y - 1))
            .ToArray();

        var licenseBase = new LicenseCosts(workload, d).Book(option.License, lines, escalation);
        var infrastructure = new InfrastructureCosts(option, workload, capacity, new SfuSizing(workload, scenario.Sizing, sizing.Sfu), scenario.Sizing.NodeVcpu, d);
        infrastructure.Book(lines, escalation);
        BookWorkItems(option.Implementation, lines.Implementation);
        BookWorkItems(option.Customization, lines.Customization);
        BookTraining(option.Training, lines.Training);
        BookOperations(option.Operations, lines.Operations, escalation);
        BookSupport(option.Support, option.Pointer + "/support", licenseBase, lines.Support, escalation);
        BookDowntime(option.Downtime, lines.Downtime);
        return new OptionCosts(option, lines, capacity, infrastructure.Sfu);
    }

    private void BookWorkItems(WorkItemsSpec spec, decimal[] line)
    {
        var oneTime = 0m;
        foreach (var item in spec.Items)
        {
            var cost = item.LumpSum.OrZero;
            if (item.PersonDays is > 0)
            {
                cost += item.PersonDays.Value * item.DayRate.Need(d, "the work item has person_days");
            }

            if (item.Year > H)
            {
                d.Warn("after_horizon", $"{item.Pointer} is booked in year {item.Year}, after the {H}-year horizon, and was left out", ("field", item.Pointer), ("year", item.Year), ("horizon", H));
                continue;
            }

            line[item.Year] += cost;
            oneTime += cost;
        }

        foreach (var integration in spec.Integrations)
        {
            line[0] += integration.OrZero;
            oneTime += integration.OrZero;
        }

        // Yearly upkeep of what was built: a share of the one-time work, as in "y0 plus optional yearly upkeep" (§1.1).
        for (var y = 1; y <= H && spec.UpkeepRatePerYear > 0; y++)
        {
            line[y] += spec.UpkeepRatePerYear * oneTime;
        }
    }

    private void BookTraining(TrainingSpec spec, decimal[] line)
    {
        var hour = scenario.Organization.EmployeeHourCost;
        var employeeHours = (Seats[1] * spec.EndUserHours) + (spec.Admins * spec.AdminHours);
        var hourCost = employeeHours > 0 ? hour.Need(d, "training counts employees' time (end_user_hours or admin hours > 0)") : 0;
        // §3.5.9, year 0: everyone on day one, the admins, the trainer and the materials.
        line[0] = (employeeHours * hourCost) + (spec.TrainerDays * spec.TrainerDayRate.OrZero) + spec.Materials.OrZero;
        if (!spec.TrainNewHires)
        {
            return;
        }

        for (var y = 2; y <= H; y++)
        {
            var newHires = Math.Max(0, Seats[y] - Seats[y - 1]);
            line[y] = newHires * spec.EndUserHours * (newHires > 0 && spec.EndUserHours > 0 ? hour.Need(d, "new hires are trained each year") : 0);
        }
    }

    private void BookOperations(OperationsSpec? spec, decimal[] line, decimal[] escalation)
    {
        if (spec is null)
        {
            return;
        }

        var fteCost = spec.Fte > 0 ? spec.FteAnnualCost.Need(d, "operations has fte > 0") : 0;
        for (var y = 1; y <= H; y++)
        {
            line[y] = ((spec.Fte * fteCost) + (spec.ToolsMonth.OrZero * Units.MonthsPerYear)) * escalation[y];
        }
    }

    private void BookSupport(SupportSpec? spec, string pointer, decimal[] licenseBase, decimal[] line, decimal[] escalation)
    {
        if (spec is null)
        {
            return;
        }

        for (var y = 1; y <= H; y++)
        {
            line[y] = ((spec.FlatYear.OrZero + spec.AccountManagerYear.OrZero) * escalation[y]) + (spec.RateOfLicense * licenseBase[y]);
        }

        for (var i = 0; i < spec.UpgradeFees.Count; i++)
        {
            var fee = spec.UpgradeFees[i];
            if (fee.Year > H)
            {
                d.Warn("after_horizon", $"{pointer}/upgrade_fees/{i} falls in year {fee.Year}, after the {H}-year horizon, and was left out", ("field", $"{pointer}/upgrade_fees/{i}"), ("year", fee.Year), ("horizon", H));
                continue;
            }

            line[fee.Year] += fee.Amount.OrZero;
        }
    }

    private void BookDowntime(DowntimeSpec? spec, decimal[] line)
    {
        if (spec is null || spec.ExpectedOutageHoursYear == 0)
        {
            return;
        }

        var hourCost = scenario.Organization.EmployeeHourCost.Need(d, "downtime is priced in employee hours");
        for (var y = 1; y <= H; y++)
        {
            line[y] = spec.ExpectedOutageHoursYear * Seats[y] * hourCost * spec.ProductivityLoss;
        }
    }
}

/// <summary>The booked costs of one option and the capacity it was sized for, per year 0..H.</summary>
internal sealed record OptionCosts(OptionSpec Option, CostLines Lines, CapacityYear[] Capacity, SfuCapacity?[] Sfu);
