using Parley.Planner.Input;
using Parley.Planner.Pricing;

namespace Parley.Planner.Calculation;

/// <summary>The self-hosted SFU one year needs (issue 15): who is in a call at the peak, what the SFU forwards, its CPU.</summary>
/// <param name="VcpuRequired">Null when the capacity profile has no SFU measurement.</param>
internal sealed record SfuYear(decimal PeakParticipants, int StreamsPerParticipant, decimal ForwardedStreams, decimal? VcpuRequired, decimal EgressGbPerMonth);

/// <summary>
/// Sizes a self-hosted SFU from the workload's call minutes and the SFU figures of the capacity profile (Janus measured by
/// bench/calls/run-sfu.mjs). Each participant of a call of <c>room_size</c> receives the other <c>room_size − 1</c>
/// participants' streams, so the SFU forwards <c>participants × (room_size − 1)</c> streams, each at the measured CPU
/// per stream: the SFU forwards packets without transcoding, so its CPU per stream hardly depends on the bitrate
/// (docs/benchmarks.md), while its egress does: that takes the stream's bitrate.
/// </summary>
internal sealed class SfuSizing(Workload workload, SizingParameters sizing, SfuProfile? profile)
{
    public SfuProfile? Profile => profile;

    private CallUsage Calls => workload.Usage.Calls;

    public int StreamsPerParticipant => Calls.RoomSize - 1;

    /// <summary>kbit/s of one forwarded video stream: the scenario's, else the measured one, else the schema default.</summary>
    public decimal HdKbps => Calls.HdKbps ?? profile?.KbpsPerStream ?? CallUsage.DefaultHdKbps;

    public decimal FhdKbps => Calls.FhdKbps ?? profile?.KbpsPerStream ?? CallUsage.DefaultFhdKbps;

    /// <summary>True when some video minutes are priced at the measured bitrate rather than one the scenario states.</summary>
    public bool UsesMeasuredBitrate(int year)
    {
        var (_, hd, fhd) = workload.CallMinutesPerMonth(year);
        return profile is not null && ((hd > 0 && Calls.HdKbps is null) || (fhd > 0 && Calls.FhdKbps is null));
    }

    /// <summary>§3.6.6, per forwarded stream: stream-minutes × kbps × 60 / 8 / 10⁶ GB per month (one stream each in a 1:1 call).</summary>
    public decimal EgressGbPerMonth(int year) => KbitMinutes(year) * StreamsPerParticipant * 60m / 8m / 1_000_000m;

    /// <summary>The SFU at the year's peak minute (its vCPUs only when the profile has an SFU measurement).</summary>
    public SfuYear Size(int year)
    {
        // Participant-minutes of a month spread over its busy hours, times the peak factor: who is in a call at the peak minute.
        var (audio, hd, fhd) = workload.CallMinutesPerMonth(year);
        var atPeak = workload.Usage.PeakFactor / (Units.DaysPerMonth * workload.Usage.BusyHoursPerDay * 60m);
        var participants = (audio + hd + fhd) * atPeak;
        decimal? vcpu = profile is null ? null : participants * StreamsPerParticipant * profile.CpuPercentPerStream / 100m / sizing.TargetCpuUtil;
        return new SfuYear(participants, StreamsPerParticipant, participants * StreamsPerParticipant, vcpu, EgressGbPerMonth(year));
    }

    /// <summary>Instances of <paramref name="instanceVcpu"/> vCPUs for <paramref name="need"/>: at least one while anyone calls, plus one spare under N+1.</summary>
    public (int Instances, int WithHa) Instances(decimal vcpu, decimal peakParticipants, decimal instanceVcpu)
    {
        var instances = peakParticipants > 0 ? Math.Max(1, Units.CeilCount(vcpu / instanceVcpu)) : 0;
        return (instances, instances + (sizing.HighAvailability && instances > 0 ? 1 : 0));
    }

    /// <summary>Σ participant-minutes × kbit/s of one stream, per month.</summary>
    private decimal KbitMinutes(int year)
    {
        var (audio, hd, fhd) = workload.CallMinutesPerMonth(year);
        return (audio * Calls.AudioKbps) + (hd * HdKbps) + (fhd * FhdKbps);
    }
}
