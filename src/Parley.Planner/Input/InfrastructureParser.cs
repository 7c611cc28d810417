using System.Text.Json.Nodes;

namespace Parley.Planner.Input;

/// <summary>Validates <c>options[i].infrastructure</c> and instance lists (PLANNER.md §3.2).</summary>
internal static class InfrastructureParser
{
    public static InfrastructureSpec Parse(JsonObject? o, string at, string currency, InputReader r)
    {
        var computeObject = r.Object(o, "compute", at);
        ComputeSpec? compute = null;
        if (computeObject is not null)
        {
            var cAt = at + "/compute";
            var sizing = r.Choice(computeObject, "sizing", cAt, ["fixed", "capacity_profile"], required: true) == "capacity_profile"
                ? ComputeSizing.CapacityProfile
                : ComputeSizing.Fixed;
            compute = new ComputeSpec(
                sizing,
                ParseInstances(r.Array(computeObject, "instances", cAt, required: sizing == ComputeSizing.Fixed), cAt + "/instances", currency, r),
                r.Money(computeObject, "price_per_node_hour", cAt, currency),
                cAt);
            r.WarnUnknown(computeObject, cAt);
        }

        var blockObject = r.Object(o, "block_storage", at);
        BlockStorageSpec? block = null;
        if (blockObject is not null)
        {
            var bAt = at + "/block_storage";
            var gb = r.Number(blockObject, "gb", bAt, null, 0);
            // Without an explicit basis, a stated size means provisioned capacity; otherwise pay for what is used.
            var basis = r.Choice(blockObject, "basis", bAt, ["provisioned", "used"], gb is null ? "used" : "provisioned");
            if (basis == "provisioned" && gb is null)
            {
                r.Diagnostics.Error(bAt + "/gb", "required number is missing: provisioned block storage needs gb");
            }

            block = new BlockStorageSpec(gb, r.Money(blockObject, "price_gb_month", bAt, currency), basis == "used", bAt);
            r.WarnUnknown(blockObject, bAt);
        }

        var objectStorage = r.Object(o, "object_storage", at);
        Price? objectPrice = objectStorage is null ? null : r.Money(objectStorage, "price_gb_month", at + "/object_storage", currency);
        r.WarnUnknown(objectStorage, at + "/object_storage");

        var egressObject = r.Object(o, "egress", at);
        EgressSpec? egress = null;
        if (egressObject is not null)
        {
            egress = new EgressSpec(
                r.Money(egressObject, "price_gb", at + "/egress", currency),
                r.Number(egressObject, "free_gb_month", at + "/egress", 0m, 0) ?? 0);
            r.WarnUnknown(egressObject, at + "/egress");
        }

        var spec = new InfrastructureSpec(
            compute,
            block,
            objectPrice,
            egress,
            r.Money(o, "dedicated_line_month", at, currency, 0m),
            ParseHardware(r.Object(o, "hardware", at), at + "/hardware", currency, r),
            ParseFacility(r.Object(o, "facility", at), at + "/facility", currency, r),
            at);
        r.WarnUnknown(o, at);
        return spec;
    }

    /// <param name="sizable">sfu_instances: an entry may leave out count (sized from the capacity profile) and state its vcpu.</param>
    public static IReadOnlyList<InstanceSpec> ParseInstances(JsonArray? array, string at, string currency, InputReader r, bool sizable = false)
    {
        var instances = new List<InstanceSpec>();
        if (array is null)
        {
            return instances;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var iAt = JsonPointer.Append(at, i);
            if (array[i] is not JsonObject o)
            {
                r.Diagnostics.Error(iAt, "expected an instance {type, count, price_per_hour | price_per_month}");
                continue;
            }

            instances.Add(new InstanceSpec(
                r.Text(o, "type", iAt) ?? "",
                sizable ? r.Integer(o, "count", iAt, null, 0) : r.Integer(o, "count", iAt, 0, 0, required: true) ?? 0,
                r.Money(o, "price_per_hour", iAt, currency),
                r.Money(o, "price_per_month", iAt, currency),
                iAt,
                sizable ? r.Number(o, "vcpu", iAt, null, 0, exclusiveMin: true) : null));
            r.WarnUnknown(o, iAt);
        }

        return instances;
    }

    private static HardwareSpec? ParseHardware(JsonObject? o, string at, string currency, InputReader r)
    {
        if (o is null)
        {
            return null;
        }

        var servers = new List<ServerSpec>();
        if (r.Array(o, "servers", at) is { } array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var sAt = JsonPointer.Append(at + "/servers", i);
                if (array[i] is not JsonObject s)
                {
                    r.Diagnostics.Error(sAt, "expected a server {qty, unit_price, life_years, watts_avg}");
                    continue;
                }

                servers.Add(new ServerSpec(
                    r.Integer(s, "qty", sAt, null, 0),
                    r.Money(s, "unit_price", sAt, currency),
                    r.Integer(s, "life_years", sAt, 5, 1, 20) ?? 5,
                    r.Number(s, "watts_avg", sAt, null, 0),
                    sAt));
                r.WarnUnknown(s, sAt);
            }
        }

        var spec = new HardwareSpec(
            servers,
            r.Money(o, "other_capex", at, currency, 0m),
            r.Integer(o, "warranty_included_years", at, 3, 0) ?? 3,
            r.Number(o, "extended_warranty_rate", at, null, 0, 1),
            r.Flag(o, "refresh", at, true),
            r.Choice(o, "residual_method", at, ["none", "straight_line"], "none") == "straight_line",
            at);
        r.WarnUnknown(o, at);
        return spec;
    }

    private static FacilitySpec? ParseFacility(JsonObject? o, string at, string currency, InputReader r)
    {
        if (o is null)
        {
            return null;
        }

        var spec = new FacilitySpec(
            r.Number(o, "pue", at, 1.58m, 1) ?? 1.58m,
            r.Money(o, "electricity_price_kwh", at, currency),
            r.Money(o, "rack_price_month", at, currency, 0m),
            r.Number(o, "racks", at, 0m, 0) ?? 0);
        r.WarnUnknown(o, at);
        return spec;
    }
}
