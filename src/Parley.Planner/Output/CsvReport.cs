using System.Globalization;
using System.Text;

namespace Parley.Planner.Output;

/// <summary>
/// One row per option and year with every component (RFC 4180 quoting, invariant culture, 2 dp). The
/// long format keeps the file loadable into a spreadsheet pivot table without reshaping.
/// </summary>
internal static class CsvReport
{
    public static string Write(PlanResult result)
    {
        var sb = new StringBuilder();
        var headers = new[] { "option_id", "option_label", "deployment_model", "currency", "year", "headcount" }
            .Concat(ComponentRows.All.Select(c => c.Key))
            .Concat(["total", "discount_factor", "pv", "cumulative", "cumulative_pv"]);
        sb.AppendLine(string.Join(",", headers));
        foreach (var option in result.Options)
        {
            foreach (var year in option.Years)
            {
                var cells = new[] { option.Id, option.Label, option.DeploymentModel, result.ReportCurrency, year.Year.ToString(CultureInfo.InvariantCulture), year.Headcount.ToString(CultureInfo.InvariantCulture) }
                    .Concat(ComponentRows.All.Select(c => Display.Plain(c.Value(year))))
                    .Concat([Display.Plain(year.Total), Display.Plain(year.DiscountFactor, 6), Display.Plain(year.Pv), Display.Plain(year.Cumulative), Display.Plain(year.CumulativePv)]);
                sb.AppendLine(string.Join(",", cells.Select(Quote)));
            }
        }

        return sb.ToString();
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
