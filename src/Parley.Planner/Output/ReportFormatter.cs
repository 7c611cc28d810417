using System.Text;

namespace Parley.Planner.Output;

/// <summary>Renders a plan as <c>table</c> (aligned text), <c>md</c>, <c>csv</c> or <c>json</c>.</summary>
public static class ReportFormatter
{
    public static IReadOnlyList<string> Formats { get; } = ["table", "json", "csv", "md"];

    public static string Format(PlanResult result, string format)
    {
        ArgumentNullException.ThrowIfNull(result);
        return format switch
        {
            "json" => result.ToJson(),
            "csv" => CsvReport.Write(result),
            "md" => Text(result, markdown: true),
            "table" => Text(result, markdown: false),
            _ => throw new ArgumentException($"unknown format \"{format}\"; expected one of {string.Join(", ", Formats)}", nameof(format)),
        };
    }

    /// <summary>The SFU sizing of a self_hosted_sfu option, in one line.</summary>
    public static string SfuLine(SfuCapacity sfu)
    {
        var instances = sfu.Sized
            ? $"{sfu.Instances} instance(s) of {Display.Number(sfu.InstanceVcpu ?? 0)} vCPU{(sfu.InstanceType.Length > 0 ? $" ({sfu.InstanceType})" : "")}, {sfu.InstancesWithHa} with HA"
            : $"{sfu.Instances} instance(s) as stated in sfu_instances{(sfu.InstanceType.Length > 0 ? $" ({sfu.InstanceType})" : "")}";
        var vcpu = sfu.VcpuRequired is { } v ? $"{Display.Number(v)} vCPU → " : "";
        return $"SFU: {Display.Number(sfu.PeakParticipants)} call participants at the peak × {sfu.StreamsPerParticipant} stream(s) each = {Display.Number(sfu.ForwardedStreams)} forwarded streams "
            + $"at {Display.Number(sfu.KbpsPerStream)} kbit/s; {vcpu}{instances}; media egress {Display.Number(sfu.EgressGbPerMonth)} GB/month";
    }

    private static string Text(PlanResult result, bool markdown)
    {
        var sb = new StringBuilder();
        string Heading(string text, int level) => markdown ? new string('#', level) + " " + text : level == 1 ? text.ToUpperInvariant() : text;
        string Render(TextTable table) => markdown ? table.ToMarkdown() : table.ToPlainText();

        sb.AppendLine(Heading($"Deployment cost plan — {result.HorizonYears} years, {result.ReportCurrency}", 1));
        sb.AppendLine($"Discount rate {Display.Percent(result.DiscountRate).TrimStart('+')}, costs at the {result.RecurringTiming} of each year; year 0 holds one-time costs.");
        sb.AppendLine();

        foreach (var option in result.Options)
        {
            sb.AppendLine(Heading($"{option.Label} ({option.Id}, {option.DeploymentModel})", 2));
            sb.AppendLine();
            var headers = new[] { "Component" }.Concat(option.Years.Select(y => "Y" + y.Year)).Append("Total").ToArray();
            var table = new TextTable(headers);
            table.Add(["Seats", .. option.Years.Select(y => y.Headcount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ""]);
            foreach (var (_, label, value) in ComponentRows.All)
            {
                if (option.Years.All(y => value(y) == 0))
                {
                    continue;
                }

                table.Add([label, .. option.Years.Select(y => Display.Money(value(y))), Display.Money(option.Years.Sum(value))]);
            }

            table.Add(["Total", .. option.Years.Select(y => Display.Money(y.Total)), Display.Money(option.Totals.Nominal)]);
            table.Add(["Present value", .. option.Years.Select(y => Display.Money(y.Pv)), Display.Money(option.Totals.Pv)]);
            table.Add(["Cumulative PV", .. option.Years.Select(y => Display.Money(y.CumulativePv)), ""]);
            sb.Append(Render(table));
            sb.AppendLine();
            var bullet = markdown ? "- " : "";
            sb.AppendLine($"{bullet}Per user per month: {Display.Money(option.Totals.PerUserMonth)} {result.ReportCurrency}");
            var c = option.Capacity;
            sb.AppendLine($"{bullet}Capacity (year {c.SizedForYear}): {c.PeakConnections:N0} peak connections, {Display.Number(c.PeakDeliveriesPerSec)} deliveries/s, "
                + $"{Display.Number(c.VcpuRequired)} vCPU, {Display.Number(c.MemGbRequired)} GB RAM → {c.AppNodes} app node(s), {c.AppNodesWithHa} with HA, {c.DbNodes} DB node(s); "
                + $"stored GB at year end: {string.Join(", ", c.StorageGbEndOfYear.Select(g => Display.Number(g)))}");
            sb.AppendLine($"{bullet}Binding constraint: {c.Binding} ({string.Join(", ", c.NodesByConstraint.Select(n => $"{n.Key} {n.Value} node(s)"))}); "
                + $"headroom: CPU sized to {Display.Number(c.Headroom.TargetCpuUtil * 100)} % and memory to {Display.Number(c.Headroom.TargetMemUtil * 100)} % utilisation, {c.Headroom.SpareNodes} spare node(s)");
            if (c.Sfu is { } sfu)
            {
                sb.AppendLine($"{bullet}{SfuLine(sfu)}");
            }

            sb.AppendLine();
        }

        sb.AppendLine(Heading("Ranking by present value", 2));
        sb.AppendLine();
        var ranking = new TextTable("Rank", "Option", "PV total", "Nominal total");
        var rank = 1;
        foreach (var id in result.Ranking)
        {
            var option = result.Options.First(o => o.Id == id);
            ranking.Add((rank++).ToString(System.Globalization.CultureInfo.InvariantCulture), id, Display.Money(option.Totals.Pv), Display.Money(option.Totals.Nominal));
        }

        sb.Append(Render(ranking));
        sb.AppendLine();

        if (result.Comparisons.Count > 0)
        {
            sb.AppendLine(Heading($"Break-even against {result.BaselineOptionId}", 2));
            sb.AppendLine();
            var comparisons = new TextTable("Candidate", "Basis", "Break-even", "Saving at horizon");
            foreach (var comparison in result.Comparisons)
            {
                comparisons.Add(comparison.Candidate, comparison.Basis, Display.Year(comparison.BreakevenYear, comparison.BreakevenYearFractional), Display.Money(comparison.SavingAtHorizon));
            }

            sb.Append(Render(comparisons));
            sb.AppendLine();
        }

        if (result.Sensitivity.Count > 0)
        {
            sb.AppendLine(Heading("Sensitivity (PV at the horizon)", 2));
            sb.AppendLine();
            var sensitivity = new TextTable("Driver", "Delta", "Option", "PV total", "Change");
            foreach (var row in result.Sensitivity)
            {
                sensitivity.Add(row.Driver, Display.Percent(row.Delta), row.Option, Display.Money(row.Total), Display.Money(row.Change));
            }

            sb.Append(Render(sensitivity));
            sb.AppendLine();
        }

        sb.AppendLine(Heading("Sources", 2));
        sb.AppendLine();
        var item = markdown ? "- " : "";
        sb.AppendLine($"{item}Price catalog {result.Catalog.Version}; entries used: {(result.Catalog.EntriesUsed.Count == 0 ? "none" : string.Join(", ", result.Catalog.EntriesUsed))}");
        foreach (var o in result.Catalog.Overrides)
        {
            var shipped = o.ShippedPrice is null ? "new entry" : $"shipped {o.ShippedPrice} {o.ShippedCurrency}";
            sb.AppendLine($"{(markdown ? "- " : "  ")}override {o.Id}: {o.Price} {o.Currency} ({shipped}; source {o.SourceId}, {o.AsOf})");
        }

        sb.AppendLine($"{item}Capacity profile: {result.CapacityProfile.Source}");
        sb.AppendLine();
        if (result.Warnings.Count > 0)
        {
            sb.AppendLine(Heading("Warnings", 2));
            sb.AppendLine();
            foreach (var warning in result.Warnings)
            {
                sb.AppendLine("- " + warning);
            }
        }

        return sb.ToString();
    }
}
