using System.Globalization;
using Parley.Planner.Input;
using Parley.Planner.Output;

namespace Parley.Planner.Calculation;

/// <summary>
/// Sanity checks against the source article's magnitudes (PLANNER.md §1.3, in RMB). A figure outside its
/// band becomes a human-readable warning (§3.6.10); it never changes a number, because a measured
/// deployment can legitimately be far cheaper than the article's estimate.
/// </summary>
internal static class CalibrationBands
{
    private sealed record Band(string Words, decimal Low, decimal High);

    // Component codes of the band warnings (the web words them: features/planner/notices.ts).
    private const string LicenseOneTime = "license_one_time", LicenseYearly = "license_yearly", Infrastructure = "infrastructure",
        Operations = "operations", Support = "support", Implementation = "implementation", Customization = "customization",
        Training = "training", Server = "server", Hardware1000 = "hardware_1000";

    // 几千 = 1k–9.9k; 几万 = 10k–99k; 几十万 = 100k–999k; 几百万 = 1M–9.9M (§1.3).
    private static readonly Band TensOfThousands = new("几万", 10_000m, 99_999m);
    private static readonly Band HundredsOfThousands = new("几十万", 100_000m, 999_999m);
    private static readonly Band TensToHundredsOfThousands = new("几万–几十万", 10_000m, 999_999m);
    private static readonly Band ThousandsToTensOfThousands = new("几千–几万", 1_000m, 99_999m);
    private static readonly Band HundredsOfThousandsToMillions = new("几十万–几百万", 100_000m, 9_999_999m);

    public static void Check(Scenario scenario, IReadOnlyList<OptionCosts> costs, IReadOnlyList<OptionResult> results, Diagnostics d)
    {
        var meta = scenario.Meta;
        decimal rmbToReport;
        if (string.Equals(meta.ReportCurrency, "CNY", StringComparison.OrdinalIgnoreCase) || string.Equals(meta.ReportCurrency, "RMB", StringComparison.OrdinalIgnoreCase))
        {
            rmbToReport = 1m;
        }
        else if (meta.Fx.TryGetValue("CNY", out var rate))
        {
            rmbToReport = rate;
        }
        else
        {
            d.Warn("bands_not_checked", "calibration bands (§1.3, in RMB) were not checked: meta.fx has no CNY rate");
            return;
        }

        for (var i = 0; i < costs.Count; i++)
        {
            new Checker(costs[i], results[i], meta.ReportCurrency, rmbToReport, scenario.Meta.HorizonYears, d).Run();
        }
    }

    private sealed class Checker(OptionCosts costs, OptionResult result, string currency, decimal rmbToReport, int horizon, Diagnostics d)
    {
        private CostLines Lines => costs.Lines;
        private bool IsPrivate => costs.Option.Model is DeploymentModel.PrivateOnprem or DeploymentModel.PrivateCloudIaas;

        public void Run()
        {
            var license = costs.Option.License.Model;
            if (license == LicenseModel.Perpetual)
            {
                Within(LicenseOneTime, "one-time licence", Lines.License[0], HundredsOfThousands);
            }
            else if (license != LicenseModel.None)
            {
                Within(LicenseYearly, "licence/subscription per year", YearlyAverage(Lines.License), TensOfThousands);
            }

            if (IsPrivate)
            {
                var infrastructure = result.Years.Sum(y => y.Components.Infrastructure.Sum());
                Within(Infrastructure, "infrastructure over the horizon", infrastructure, HundredsOfThousands);
                Within(Operations, "operations per year", YearlyAverage(Lines.Operations), TensOfThousands);
                Within(Support, "support per year", YearlyAverage(Lines.Support), ThousandsToTensOfThousands);
            }

            var workBand = IsPrivate ? TensToHundredsOfThousands : ThousandsToTensOfThousands;
            Within(Implementation, "implementation", Lines.Implementation.Sum(), workBand);
            Within(Customization, "customization", Lines.Customization.Sum(), workBand);
            Within(Training, "training", Lines.Training.Sum(), ThousandsToTensOfThousands);

            if (costs.Option.Model == DeploymentModel.PrivateOnprem)
            {
                foreach (var server in costs.Option.Infrastructure.Hardware?.Servers ?? [])
                {
                    if (server.UnitPrice.Amount is { } unit)
                    {
                        Within(Server, "a single server", unit, TensOfThousands);
                    }
                }

                if (result.Capacity.PeakConnections >= 1000)
                {
                    Within(Hardware1000, "the hardware for 1,000+ concurrent users", Lines.Hardware[0], HundredsOfThousandsToMillions);
                }
            }
        }

        private decimal YearlyAverage(decimal[] line) => line.Skip(1).Sum() / horizon;

        private void Within(string code, string component, decimal value, Band band)
        {
            if (value == 0)
            {
                return; // not part of this option
            }

            var low = band.Low * rmbToReport;
            var high = band.High * rmbToReport;
            var side = value < low ? "below" : value > high ? "above" : null;
            if (side is not null)
            {
                d.Warn("outside_band", $"{result.Id}: {component} {Money(value)} {currency} is {side} the article's {band.Words} band ({Money(low)}–{Money(high)} {currency}); check the inputs, or keep it if it reflects a measurement",
                    ("option", result.Id), ("component", code), ("value", value), ("currency", currency), ("side", side), ("low", low), ("high", high));
            }
        }

        private static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);
    }
}
