using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Planner.Input;

namespace Parley.Planner.Pricing;

/// <summary>
/// What one vCPU of Parley can carry, as measured by the load generator (bench/results/capacity-profile.json).
/// The engine takes it as an input; the caller decides which file. <see cref="LoadDefault"/> returns a
/// placeholder that is not a measurement, and every plan that uses it carries a warning saying so.
/// </summary>
public sealed record CapacityProfile(
    decimal ConnPerVcpu,
    decimal DeliveriesPerVcpuSec,
    decimal MemKbPerConn,
    decimal BaseMemGb,
    decimal StoredBytesPerMessage,
    CapacityProvenance Provenance)
{
    /// <summary>
    /// Connections one server process held with every threshold passing, when the profile measured it: the process's
    /// open-files limit, not its CPU, caps a node's connections then (issue 21). Null: no such cap is known.
    /// </summary>
    public decimal? MaxConnPerProcess { get; init; }

    /// <summary>
    /// The SFU's cost per forwarded media stream, measured through Janus (issue 15, bench/calls/run-sfu.mjs). Null: the
    /// profile has no call measurement, and a <c>self_hosted_sfu</c> option must state its <c>sfu_instances</c>.
    /// </summary>
    public SfuProfile? Sfu { get; init; }

    private const string DefaultResource = "Parley.Planner.Catalog.capacity-profile.default.json";

    public static CapacityProfile LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResource} is missing from the build");
        var errors = new List<PlanError>();
        return Parse(stream, errors)
            ?? throw new InvalidOperationException("the shipped capacity profile is invalid: " + string.Join("; ", errors));
    }

    public static CapacityProfile? Parse(Stream stream, List<PlanError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return JsonNode.Parse(stream) is { } node ? Parse(node, errors) : Fail(errors, "", "the capacity profile is empty");
        }
        catch (JsonException ex)
        {
            return Fail(errors, "", $"the capacity profile is not valid JSON: {ex.Message}");
        }
    }

    public static CapacityProfile? Parse(JsonNode node, List<PlanError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (node is not JsonObject o)
        {
            return Fail(errors, "", "expected a capacity profile object");
        }

        var before = errors.Count;
        decimal Positive(string name)
        {
            if (NumberReader.TryRead(o[name], out var v) && v > 0)
            {
                return v;
            }

            errors.Add(new PlanError("/" + name, "expected a number > 0"));
            return 0;
        }

        var profile = new CapacityProfile(
            Positive("conn_per_vcpu"),
            Positive("deliveries_per_vcpu_sec"),
            Positive("mem_kb_per_conn"),
            NumberReader.TryRead(o["base_mem_gb"], out var baseMem) && baseMem >= 0 ? baseMem : Missing(errors, "/base_mem_gb", "expected a number ≥ 0"),
            Positive("stored_bytes_per_message"),
            CapacityProvenance.Parse(o["provenance"] as JsonObject))
        {
            MaxConnPerProcess = o["max_conn_per_process"] is null ? null : Positive("max_conn_per_process"),
            Sfu = o["sfu_cpu_percent_per_stream"] is null && o["sfu_kbps_per_stream"] is null ? null
                : new SfuProfile(Positive("sfu_cpu_percent_per_stream"), Positive("sfu_kbps_per_stream"),
                    o["signalling_cpu_ms_per_join"] is null ? null : Positive("signalling_cpu_ms_per_join")),
        };
        return errors.Count == before ? profile : null;
    }

    private static decimal Missing(List<PlanError> errors, string pointer, string message)
    {
        errors.Add(new PlanError(pointer, message));
        return 0;
    }

    private static CapacityProfile? Fail(List<PlanError> errors, string pointer, string message)
    {
        errors.Add(new PlanError(pointer, message));
        return null;
    }
}

/// <param name="CpuPercentPerStream">SFU (Janus) CPU per forwarded stream, in percent of one core.</param>
/// <param name="KbpsPerStream">SFU egress per forwarded stream, kbit/s, at the bitrate the measurement ran at.</param>
/// <param name="SignallingCpuMsPerJoin">Parley's own CPU per participant joining (ring, join, offer/answer relay), ms.</param>
public sealed record SfuProfile(decimal CpuPercentPerStream, decimal KbpsPerStream, decimal? SignallingCpuMsPerJoin);
