namespace Parley.LoadGen.Scenarios;

/// <summary>Everything a run does, bounded: counts, rates and durations all have upper limits.</summary>
public sealed record RunOptions
{
    public int Users { get; init; } = 1000;
    public int Parallelism { get; init; } = 32;
    public double IdleHoldSeconds { get; init; } = 5;
    /// <summary>Room sets as (members per room, rooms); e.g. 100×10 and 1000×1.</summary>
    public IReadOnlyList<(int Size, int Rooms)> RoomSets { get; init; } = [(100, 10)];
    public double Rate { get; init; } = 100;
    /// <summary>
    /// Several offered loads in one run (--rates): the rooms scenarios run once per rate, in this order. The first is the
    /// reference load: its scenarios keep the names rooms_k{size}; each further rate adds rooms_k{size}_r{rate}. Empty: <see cref="Rate"/> only.
    /// </summary>
    public IReadOnlyList<double> Rates { get; init; } = [];
    public double DurationSeconds { get; init; } = 10;
    /// <summary>Text after the timestamp; 64 bytes makes a ~90-byte body, a typical chat line.</summary>
    public int PaddingBytes { get; init; } = 64;
    /// <summary>
    /// Unmeasured sending before the measured scenarios, per room size. 3 s was too short: perf during rooms_k100
    /// found 29 % of Parley's CPU in the measured window in the JIT's tiered-compilation thread (methods still being
    /// re-compiled at tier 1), i.e. start-up cost counted as per-delivery cost. Peers without a JIT are unaffected.
    /// </summary>
    public double WarmupSeconds { get; init; } = 12;
    public double SaturationStartRate { get; init; } = 100;
    public double SaturationFactor { get; init; } = 1.5;
    public double SaturationStepSeconds { get; init; } = 8;
    public int SaturationMaxSteps { get; init; } = 8;
    public double ReconnectFraction { get; init; } = 0.3;
    public int HistoryRequests { get; init; } = 200;
    public int SeedMessages { get; init; } = 200;
    public string SearchQuery { get; init; } = "季度报告";
    /// <summary>A conversation seeded by Parley.Seed (`seed messages`): history is probed there, latency limits enforced.</summary>
    public long? HistoryConversationId { get; init; }
    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string> { "idle", "rooms", "saturation", "reconnect", "history" };
    public Thresholds Thresholds { get; init; } = new();
}

/// <summary>
/// Pass/fail limits. Defaults come from issue 7: saturation is "p99 above 1 s or errors above
/// 0.1 %", so a scenario that crosses either has failed; history and search from its targets.
/// </summary>
public sealed record Thresholds
{
    public double MaxErrorRate { get; init; } = 0.001;
    public double MaxP99Ms { get; init; } = 1000;
    public double MinDeliveredRatio { get; init; } = 0.999;
    public double MaxHistoryP99Ms { get; init; } = 5;
    public double MaxSearchP95Ms { get; init; } = 100;
    /// <summary>Whether history/search latency limits fail the run (off unless the 10M-message seed ran).</summary>
    public bool EnforceHistoryLatency { get; init; }
    public double MaxReconnectSeconds { get; init; } = 60;
}
