using System.Text.Json.Nodes;

namespace Parley.Planner.Input;

/// <summary>Validates the top level of the input (PLANNER.md §3.2) and applies its defaults.</summary>
internal static class ScenarioParser
{
    public static Scenario? Parse(JsonNode? input, InputReader r)
    {
        var d = r.Diagnostics;
        if (input is not JsonObject root)
        {
            d.Error("", "expected the scenario to be a JSON object with meta, organization, usage and options");
            return null;
        }

        var meta = ParseMeta(r.Object(root, "meta", "", required: true), r);
        r.ReportCurrency = meta.ReportCurrency;
        r.Fx = meta.Fx;
        var organization = ParseOrganization(r.Object(root, "organization", "", required: true), r, meta.ReportCurrency);
        var usage = ParseUsage(r.Object(root, "usage", "", required: true), r);
        var sizing = ParseSizing(r.Object(root, "capacity_profile", ""), r);
        var options = ParseOptions(r.Array(root, "options", "", required: true), r);
        var sensitivity = ParseSensitivity(r.Object(root, "sensitivity", ""), r, organization);
        // "catalog" is read by the engine before this parser runs (it must be merged first).
        r.Object(root, "catalog", "");
        r.WarnUnknown(root, "");

        if (meta.BaselineOptionId is { } baseline && options.All(o => o.Id != baseline))
        {
            d.Error("/meta/baseline_option_id", $"no option has id \"{baseline}\"; expected one of {string.Join(", ", options.Select(o => "\"" + o.Id + "\""))}");
        }

        return new Scenario(meta, organization, usage, sizing, options, sensitivity);
    }

    private static Meta ParseMeta(JsonObject? o, InputReader r)
    {
        const string at = "/meta";
        var currency = r.Text(o, "report_currency", at, "USD", required: o is not null) ?? "USD";
        var fx = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        if (r.Object(o, "fx", at) is { } fxObject)
        {
            foreach (var key in fxObject.Select(p => p.Key).ToList())
            {
                if (r.Number(fxObject, key, "/meta/fx", min: 0, exclusiveMin: true, required: true) is { } rate)
                {
                    fx[key] = rate;
                }
            }
        }

        var asOfText = r.Text(o, "as_of", at);
        DateOnly? asOf = null;
        if (asOfText is not null)
        {
            asOf = DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", out var date) ? date : null;
            if (asOf is null)
            {
                r.Diagnostics.Error("/meta/as_of", $"expected a date as yyyy-mm-dd, got \"{asOfText}\"");
            }
        }

        var meta = new Meta(
            currency,
            fx,
            r.Integer(o, "horizon_years", at, 3, 1, 10, required: o is not null) ?? 3,
            r.Number(o, "discount_rate", at, 0.10m, 0, 0.5m) ?? 0.10m,
            r.Choice(o, "recurring_timing", at, ["end", "begin"], "end") == "begin" ? RecurringTiming.Begin : RecurringTiming.End,
            r.Number(o, "price_escalation_rate", at, 0m, -0.5m, 1m) ?? 0,
            r.Text(o, "baseline_option_id", at),
            asOf);
        r.WarnUnknown(o, at);
        return meta;
    }

    private static Organization ParseOrganization(JsonObject? o, InputReader r, string reportCurrency)
    {
        const string at = "/organization";
        var organization = new Organization(
            r.Integer(o, "headcount", at, 1, 1, required: o is not null) ?? 1,
            r.Number(o, "annual_growth_rate", at, 0m, -0.99m, 10m) ?? 0,
            r.Choice(o, "growth_mode", at, ["compound", "linear"], "compound") == "linear" ? GrowthMode.Linear : GrowthMode.Compound,
            // §3.6.1: money under organization is already in the report currency.
            r.Money(o, "employee_hour_cost", at, reportCurrency));
        r.WarnUnknown(o, at);
        return organization;
    }

    private static Usage ParseUsage(JsonObject? o, InputReader r)
    {
        const string at = "/usage";
        decimal Ratio(string name, decimal fallback) => r.Number(o, name, at, fallback, 0, 1) ?? fallback;
        decimal NonNegative(string name, decimal fallback) => r.Number(o, name, at, fallback, 0) ?? fallback;
        decimal Positive(string name, decimal fallback) => r.Number(o, name, at, fallback, 0, exclusiveMin: true) ?? fallback;

        var callsObject = r.Object(o, "calls", at);
        const string callsAt = "/usage/calls";
        var video = r.Object(callsObject, "video_min_per_user_month", callsAt);
        var bitrate = r.Object(callsObject, "bitrate_kbps", callsAt);
        var calls = new CallUsage(
            r.Number(callsObject, "audio_min_per_user_month", callsAt, 0m, 0) ?? 0,
            r.Number(video, "hd", callsAt + "/video_min_per_user_month", 0m, 0) ?? 0,
            r.Number(video, "fhd", callsAt + "/video_min_per_user_month", 0m, 0) ?? 0,
            r.Number(bitrate, "audio", callsAt + "/bitrate_kbps", 48m, 0) ?? 48,
            r.Number(bitrate, "hd", callsAt + "/bitrate_kbps", null, 0),
            r.Number(bitrate, "fhd", callsAt + "/bitrate_kbps", null, 0),
            // Each participant receives the other participants' streams: room_size − 1 forwarded streams each.
            r.Integer(callsObject, "room_size", callsAt, 2, 2, 1000) ?? 2);
        r.WarnUnknown(video, callsAt + "/video_min_per_user_month");
        r.WarnUnknown(bitrate, callsAt + "/bitrate_kbps");
        r.WarnUnknown(callsObject, callsAt);

        var usage = new Usage(
            Ratio("dau_ratio", 0.8m),
            Ratio("mau_ratio", 1.0m),
            Ratio("peak_online_ratio", 0.7m),
            Positive("devices_per_online_user", 1.5m),
            NonNegative("messages_per_user_per_day", 50m),
            r.Number(o, "busy_hours_per_day", at, 8m, 0, 24, exclusiveMin: true) ?? 8,
            Positive("peak_factor", 3m),
            NonNegative("avg_fanout", 5m),
            r.Integer(o, "stored_bytes_per_message", at, null, 0),
            NonNegative("file_mb_per_user_month", 10m),
            r.Integer(o, "file_retention_months", at, null, 1, nullable: true),
            r.Integer(o, "message_retention_months", at, null, 1, nullable: true),
            NonNegative("download_gb_per_user_month", 0.05m),
            calls);
        r.WarnUnknown(o, at);
        return usage;
    }

    private static SizingParameters ParseSizing(JsonObject? o, InputReader r)
    {
        const string at = "/capacity_profile";
        var node = r.Object(o, "node", at);
        // Default node: 4 vCPU / 16 GB, the m5.xlarge shape of PLANNER.md §2.3. It is a shape, not a price.
        var sizing = new SizingParameters(
            r.Text(o, "source", at),
            r.Number(o, "conn_per_vcpu", at, null, 0, exclusiveMin: true),
            r.Number(o, "deliveries_per_vcpu_sec", at, null, 0, exclusiveMin: true),
            r.Number(o, "mem_kb_per_conn", at, null, 0, exclusiveMin: true),
            r.Number(o, "base_mem_gb", at, null, 0),
            r.Number(o, "target_cpu_util", at, 0.6m, 0, 1, exclusiveMin: true) ?? 0.6m,
            r.Number(o, "target_mem_util", at, 0.8m, 0, 1, exclusiveMin: true) ?? 0.8m,
            r.Integer(node, "vcpu", at + "/node", 4, 1) ?? 4,
            r.Number(node, "mem_gb", at + "/node", 16m, 0, exclusiveMin: true) ?? 16,
            r.Choice(o, "ha", at, ["none", "n_plus_1"], "n_plus_1") == "n_plus_1",
            r.Integer(o, "db_nodes", at, 1, 0) ?? 1);
        r.WarnUnknown(node, at + "/node");
        r.WarnUnknown(o, at);
        return sizing;
    }

    private static List<OptionSpec> ParseOptions(JsonArray? array, InputReader r)
    {
        var options = new List<OptionSpec>();
        if (array is null)
        {
            return options;
        }

        if (array.Count == 0)
        {
            r.Diagnostics.Error("/options", "expected at least one option");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var at = JsonPointer.Append("/options", i);
            if (array[i] is not JsonObject o)
            {
                r.Diagnostics.Error(at, "expected an option object with id and deployment_model");
                continue;
            }

            var option = OptionParser.Parse(o, i, at, r);
            if (!ids.Add(option.Id))
            {
                r.Diagnostics.Error(at + "/id", $"duplicate option id \"{option.Id}\"; ids must be unique");
            }

            options.Add(option);
        }

        return options;
    }

    private static SensitivitySpec ParseSensitivity(JsonObject? o, InputReader r, Organization organization)
    {
        const string at = "/sensitivity";
        var drivers = new List<string>();
        var deltas = new List<decimal>();
        if (r.Array(o, "drivers", at) is { } driverArray)
        {
            for (var i = 0; i < driverArray.Count; i++)
            {
                if (driverArray[i] is JsonValue v && v.TryGetValue(out string? pointer) && pointer.StartsWith('/'))
                {
                    drivers.Add(pointer);
                }
                else
                {
                    r.Diagnostics.Error(JsonPointer.Append(at + "/drivers", i), "expected a JSON pointer string starting with \"/\"");
                }
            }
        }

        if (r.Array(o, "deltas", at) is { } deltaArray)
        {
            for (var i = 0; i < deltaArray.Count; i++)
            {
                if (NumberReader.TryRead(deltaArray[i], out var delta) && delta > -1)
                {
                    deltas.Add(delta);
                }
                else
                {
                    r.Diagnostics.Error(JsonPointer.Append(at + "/deltas", i), "expected a number > -1 (a fraction, e.g. -0.2)");
                }
            }
        }

        r.WarnUnknown(o, at);
        var isExplicit = drivers.Count > 0;
        if (!isExplicit)
        {
            // §1.2: ±20% on the main drivers. Without explicit drivers we vary what every option depends on.
            drivers.Add("/organization/headcount");
            drivers.Add("/usage/messages_per_user_per_day");
            if (organization.EmployeeHourCost.IsSet)
            {
                drivers.Add("/organization/employee_hour_cost");
            }
        }

        if (deltas.Count == 0)
        {
            deltas.AddRange([-0.2m, 0.2m]);
        }

        return new SensitivitySpec(drivers, deltas, isExplicit);
    }
}
