using System.Text.Json.Nodes;

namespace Parley.Planner.Input;

/// <summary>Validates one <c>options[i]</c> entry (PLANNER.md §3.2) and reads its prices in the option's currency.</summary>
internal static class OptionParser
{
    private static readonly string[] DeploymentModels = ["private_onprem", "private_cloud_iaas", "cloud_paas", "saas"];

    public static OptionSpec Parse(JsonObject o, int index, string at, InputReader r)
    {
        var id = r.Text(o, "id", at, required: true) ?? $"option{index}";
        var label = r.Text(o, "label", at) ?? id;
        var model = r.Choice(o, "deployment_model", at, DeploymentModels, required: true) switch
        {
            "private_cloud_iaas" => DeploymentModel.PrivateCloudIaas,
            "cloud_paas" => DeploymentModel.CloudPaas,
            "saas" => DeploymentModel.Saas,
            "private_onprem" => DeploymentModel.PrivateOnprem,
            _ => DeploymentModel.Unknown,
        };
        var currency = r.Text(o, "currency", at) ?? r.ReportCurrency;

        var option = new OptionSpec(
            index, at, id, label, model, currency,
            ParseLicense(r.Object(o, "license", at), at + "/license", currency, r),
            ParseRtc(r.Object(o, "rtc", at), at + "/rtc", currency, r),
            InfrastructureParser.Parse(r.Object(o, "infrastructure", at), at + "/infrastructure", currency, r),
            ParseWorkItems(r.Object(o, "implementation", at), at + "/implementation", currency, r),
            ParseWorkItems(r.Object(o, "customization", at), at + "/customization", currency, r),
            ParseTraining(r.Object(o, "training", at), at + "/training", currency, r),
            ParseOperations(r.Object(o, "operations", at), at + "/operations", currency, r),
            ParseSupport(r.Object(o, "support", at), at + "/support", currency, r),
            ParseDowntime(r.Object(o, "downtime", at), at + "/downtime", r));
        r.WarnUnknown(o, at);
        return option;
    }

    private static LicenseSpec ParseLicense(JsonObject? o, string at, string currency, InputReader r)
    {
        var model = r.Choice(o, "model", at, ["none", "perpetual", "subscription_seat", "usage"], "none", required: o is not null);
        PerpetualSpec? perpetual = null;
        SeatSubscriptionSpec? subscription = null;
        UsageSpec? usage = null;
        switch (model)
        {
            case "perpetual":
                var p = r.Object(o, "perpetual", at, required: true);
                var pAt = at + "/perpetual";
                perpetual = new PerpetualSpec(
                    r.Money(p, "price_per_seat", pAt, currency),
                    r.Money(p, "flat", pAt, currency),
                    r.Number(p, "maintenance_rate", pAt, null, 0, 1),
                    r.Integer(p, "maintenance_from_year", pAt, 2, 1) ?? 2,
                    pAt);
                if (p is not null && !perpetual.PricePerSeat.IsSet && !perpetual.Flat.IsSet)
                {
                    r.Diagnostics.Error(pAt + "/price_per_seat", "missing price: a perpetual licence needs price_per_seat or flat");
                }

                r.WarnUnknown(p, pAt);
                break;
            case "subscription_seat":
                var s = r.Object(o, "subscription_seat", at, required: true);
                var sAt = at + "/subscription_seat";
                subscription = new SeatSubscriptionSpec(
                    r.Money(s, "price_per_seat_month", sAt, currency),
                    r.Choice(s, "billing", sAt, ["monthly", "annual"], "annual") ?? "annual",
                    r.Choice(s, "seat_basis", sAt, ["headcount", "active", "mau"], "headcount") switch
                    {
                        "active" => SeatBasis.Active,
                        "mau" => SeatBasis.Mau,
                        _ => SeatBasis.Headcount,
                    },
                    r.Integer(s, "min_seats", sAt, 0, 0) ?? 0);
                r.WarnUnknown(s, sAt);
                break;
            case "usage":
                usage = ParseUsagePricing(r.Object(o, "usage", at, required: true), at + "/usage", currency, r);
                break;
        }

        r.WarnUnknown(o, at);
        var licenseModel = model switch
        {
            "perpetual" => LicenseModel.Perpetual,
            "subscription_seat" => LicenseModel.SubscriptionSeat,
            "usage" => LicenseModel.Usage,
            _ => LicenseModel.None,
        };
        return new LicenseSpec(licenseModel, at, perpetual, subscription, usage);
    }

    private static UsageSpec? ParseUsagePricing(JsonObject? o, string at, string currency, InputReader r)
    {
        if (o is null)
        {
            return null;
        }

        var metric = r.Choice(o, "metric", at, ["peak_dau", "mau", "peak_concurrent", "messages", "minutes", "gb"], required: true) switch
        {
            "mau" => UsageMetric.Mau,
            "peak_concurrent" => UsageMetric.PeakConcurrent,
            "messages" => UsageMetric.Messages,
            "minutes" => UsageMetric.Minutes,
            "gb" => UsageMetric.Gb,
            _ => UsageMetric.PeakDau,
        };
        var pricing = r.Choice(o, "pricing", at, ["per_unit_overage", "block_overage", "graduated", "volume", "step"], required: true) switch
        {
            "block_overage" => UsagePricingKind.BlockOverage,
            "graduated" => UsagePricingKind.Graduated,
            "volume" => UsagePricingKind.Volume,
            "step" => UsagePricingKind.Step,
            _ => UsagePricingKind.PerUnitOverage,
        };

        var tiers = new List<TierSpec>();
        var tiersAt = at + "/tiers";
        var tiersArray = r.Array(o, "tiers", at, required: pricing is UsagePricingKind.Graduated or UsagePricingKind.Volume or UsagePricingKind.Step);
        if (tiersArray is not null)
        {
            decimal? previous = null;
            for (var i = 0; i < tiersArray.Count; i++)
            {
                var tAt = JsonPointer.Append(tiersAt, i);
                if (tiersArray[i] is not JsonObject t)
                {
                    r.Diagnostics.Error(tAt, "expected a tier object {up_to, unit_price | flat}");
                    continue;
                }

                var upTo = t.TryGetPropertyValue("up_to", out var upToNode) && upToNode is null
                    ? null
                    : r.Number(t, "up_to", tAt, null, 0, required: true);
                r.Consume(t, "up_to"); // a null bound is read above without a typed read
                if (upTo is { } bound && previous is { } last && bound <= last)
                {
                    r.Diagnostics.Error(tAt + "/up_to", $"expected tiers in ascending order: {bound} is not above {last}");
                }

                if (i > 0 && tiers[^1].UpTo is null)
                {
                    r.Diagnostics.Error(tAt, "a tier after an unbounded tier (up_to: null) can never apply");
                }

                tiers.Add(new TierSpec(upTo, r.Money(t, "unit_price", tAt, currency), r.Money(t, "flat", tAt, currency), tAt));
                previous = upTo;
                r.WarnUnknown(t, tAt);
            }

            if (tiersArray.Count == 0 && pricing is UsagePricingKind.Graduated or UsagePricingKind.Volume or UsagePricingKind.Step)
            {
                r.Diagnostics.Error(tiersAt, "expected at least one tier");
            }
        }

        var spec = new UsageSpec(
            metric,
            r.Money(o, "plan_fee_month", at, currency, 0m),
            r.Number(o, "included_units", at, 0m, 0) ?? 0,
            pricing,
            r.Money(o, "unit_price", at, currency),
            r.Number(o, "block_size", at, null, 0, exclusiveMin: true),
            at + "/block_size",
            r.Money(o, "block_price", at, currency),
            tiers,
            tiersAt);
        r.WarnUnknown(o, at);
        return spec;
    }

    private static RtcSpec ParseRtc(JsonObject? o, string at, string currency, InputReader r)
    {
        var mode = r.Choice(o, "mode", at, ["none", "cloud_minutes", "self_hosted_sfu"], "none") switch
        {
            "cloud_minutes" => RtcMode.CloudMinutes,
            "self_hosted_sfu" => RtcMode.SelfHostedSfu,
            _ => RtcMode.None,
        };
        var prices = r.Object(o, "price_per_1000_min", at);
        var pAt = at + "/price_per_1000_min";
        var order = new List<string>();
        if (r.Array(o, "free_minutes_order", at) is { } orderArray)
        {
            for (var i = 0; i < orderArray.Count; i++)
            {
                if (orderArray[i] is JsonValue v && v.TryGetValue(out string? kind) && kind is "audio" or "hd" or "fhd")
                {
                    order.Add(kind);
                }
                else
                {
                    r.Diagnostics.Error(JsonPointer.Append(at + "/free_minutes_order", i), "expected one of \"audio\", \"hd\", \"fhd\"");
                }
            }
        }

        var spec = new RtcSpec(
            mode,
            r.Money(prices, "audio", pAt, currency),
            r.Money(prices, "hd", pAt, currency),
            r.Money(prices, "fhd", pAt, currency),
            r.Number(o, "free_minutes_month", at, 0m, 0) ?? 0,
            order.Count > 0 ? order : ["audio", "hd", "fhd"],
            // Without sfu_instances (or with an entry that leaves out count) the SFU is sized from the capacity profile.
            InfrastructureParser.ParseInstances(r.Array(o, "sfu_instances", at), at + "/sfu_instances", currency, r, sizable: true),
            at);
        r.WarnUnknown(prices, pAt);
        r.WarnUnknown(o, at);
        return spec;
    }

    private static WorkItemsSpec ParseWorkItems(JsonObject? o, string at, string currency, InputReader r)
    {
        var items = new List<WorkItemSpec>();
        if (r.Array(o, "items", at) is { } array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var iAt = JsonPointer.Append(at + "/items", i);
                if (array[i] is not JsonObject item)
                {
                    r.Diagnostics.Error(iAt, "expected a work item {name, person_days, day_rate | lump_sum, year}");
                    continue;
                }

                r.Text(item, "name", iAt);
                var spec = new WorkItemSpec(
                    r.Number(item, "person_days", iAt, null, 0),
                    r.Money(item, "day_rate", iAt, currency),
                    r.Money(item, "lump_sum", iAt, currency),
                    r.Integer(item, "year", iAt, 0, 0, 10) ?? 0,
                    iAt);
                if (spec.PersonDays is null && !spec.LumpSum.IsSet)
                {
                    r.Diagnostics.Error(iAt, "a work item needs person_days (with day_rate) or lump_sum");
                }

                items.Add(spec);
                r.WarnUnknown(item, iAt);
            }
        }

        var integrations = new List<Price>();
        if (r.Array(o, "integrations", at) is { } integrationArray)
        {
            for (var i = 0; i < integrationArray.Count; i++)
            {
                var iAt = JsonPointer.Append(at + "/integrations", i);
                if (integrationArray[i] is not JsonObject integration)
                {
                    r.Diagnostics.Error(iAt, "expected an integration {system, cost}");
                    continue;
                }

                r.Choice(integration, "system", iAt, ["OA", "CRM", "ERP", "HR_attendance", "LDAP_AD", "SSO", "email", "other"], "other");
                var cost = r.Money(integration, "cost", iAt, currency);
                cost.Need(r.Diagnostics, "every integration has a cost");
                integrations.Add(cost);
                r.WarnUnknown(integration, iAt);
            }
        }

        var upkeep = r.Number(o, "upkeep_rate_per_year", at, 0m, 0, 1) ?? 0;
        r.WarnUnknown(o, at);
        return new WorkItemsSpec(items, integrations, upkeep);
    }

    private static TrainingSpec ParseTraining(JsonObject? o, string at, string currency, InputReader r)
    {
        var spec = new TrainingSpec(
            r.Number(o, "end_user_hours", at, 1m, 0) ?? 1,
            r.Number(o, "admin_hours", at, 8m, 0) ?? 8,
            r.Integer(o, "admins", at, 0, 0) ?? 0,
            r.Number(o, "trainer_days", at, 0m, 0) ?? 0,
            r.Money(o, "trainer_day_rate", at, currency, 0m),
            r.Money(o, "materials", at, currency, 0m),
            r.Flag(o, "train_new_hires", at, true));
        r.WarnUnknown(o, at);
        return spec;
    }

    private static OperationsSpec? ParseOperations(JsonObject? o, string at, string currency, InputReader r)
    {
        if (o is null)
        {
            return null;
        }

        var spec = new OperationsSpec(
            r.Number(o, "fte", at, 0m, 0, required: true) ?? 0,
            r.Money(o, "fte_annual_cost", at, currency),
            r.Money(o, "tools_month", at, currency, 0m));
        r.WarnUnknown(o, at);
        return spec;
    }

    private static SupportSpec? ParseSupport(JsonObject? o, string at, string currency, InputReader r)
    {
        if (o is null)
        {
            return null;
        }

        var fees = new List<UpgradeFee>();
        if (r.Array(o, "upgrade_fees", at) is { } array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var fAt = JsonPointer.Append(at + "/upgrade_fees", i);
                var fee = array[i] as JsonObject;
                if (fee is null)
                {
                    r.Diagnostics.Error(fAt, "expected {year, amount}");
                    continue;
                }

                var amount = r.Money(fee, "amount", fAt, currency);
                amount.Need(r.Diagnostics, "every upgrade fee has an amount");
                fees.Add(new UpgradeFee(r.Integer(fee, "year", fAt, 1, 0, 10, required: true) ?? 1, amount));
                r.WarnUnknown(fee, fAt);
            }
        }

        var spec = new SupportSpec(
            r.Choice(o, "tier", at, ["none", "included", "business_hours", "24x7"], "none") ?? "none",
            r.Money(o, "flat_year", at, currency, 0m),
            r.Number(o, "rate_of_license", at, 0m, 0, 1) ?? 0,
            r.Money(o, "account_manager_year", at, currency, 0m),
            fees);
        r.WarnUnknown(o, at);
        return spec;
    }

    private static DowntimeSpec? ParseDowntime(JsonObject? o, string at, InputReader r)
    {
        if (o is null)
        {
            return null;
        }

        var spec = new DowntimeSpec(
            r.Number(o, "expected_outage_hours_year", at, 0m, 0, 8760, required: true) ?? 0,
            r.Number(o, "productivity_loss", at, 0.5m, 0, 1) ?? 0.5m);
        r.WarnUnknown(o, at);
        return spec;
    }
}
