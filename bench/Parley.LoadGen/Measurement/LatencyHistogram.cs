namespace Parley.LoadGen.Measurement;

/// <summary>
/// Lock-free, allocation-free latency histogram in microseconds. Log-linear buckets in the
/// style of HdrHistogram: 64 linear sub-buckets per power of two, so any reported
/// percentile is within 1/64 (1.6 %) of the true value, from 1 µs up to 2^40 µs.
/// Recording is one Interlocked increment, safe from every receive loop at once.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Magnitudes = 40;
    private readonly long[] _counts = new long[(Magnitudes + 1) * SubBuckets];
    private long _total;
    private long _max;

    public long Count => Interlocked.Read(ref _total);

    public void RecordMicros(long micros)
    {
        if (micros < 0) micros = 0;
        Interlocked.Increment(ref _counts[IndexOf(micros)]);
        Interlocked.Increment(ref _total);
        long seen;
        while (micros > (seen = Interlocked.Read(ref _max)) &&
               Interlocked.CompareExchange(ref _max, micros, seen) != seen)
        {
        }
    }

    public void RecordStopwatchTicks(long ticks) =>
        RecordMicros(ticks * 1_000_000 / System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Value at quantile q (0..1) in milliseconds; 0 when empty.</summary>
    public double PercentileMs(double q)
    {
        long total = Count;
        if (total == 0) return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank) return UpperBoundOf(i) / 1000.0;
        }
        return Interlocked.Read(ref _max) / 1000.0;
    }

    public double MaxMs => Interlocked.Read(ref _max) / 1000.0;

    /// <summary>The non-empty buckets, for merging histograms kept by other processes (see <see cref="Add"/>).</summary>
    public IEnumerable<(int Index, long Count)> Buckets()
    {
        for (int i = 0; i < _counts.Length; i++)
            if (Interlocked.Read(ref _counts[i]) is > 0 and var c) yield return (i, c);
    }

    /// <summary>Adds another histogram's bucket (from <see cref="Buckets"/>); the maximum becomes the bucket's upper bound.</summary>
    public void Add(int index, long count)
    {
        if (index < 0 || index >= _counts.Length || count <= 0) return;
        Interlocked.Add(ref _counts[index], count);
        Interlocked.Add(ref _total, count);
        long bound = UpperBoundOf(index);
        if (bound > Interlocked.Read(ref _max)) Interlocked.Exchange(ref _max, bound);
    }

    public LatencySummary Summarize() =>
        new(Count, PercentileMs(0.50), PercentileMs(0.95), PercentileMs(0.99), MaxMs);

    private static int IndexOf(long v)
    {
        if (v < 2 * SubBuckets) return (int)v;
        // shift so the value keeps 7 significant bits: 64..127, i.e. 64 sub-buckets.
        int shift = 63 - (int)long.LeadingZeroCount(v) - SubBucketBits;
        if (shift >= Magnitudes) return _lastIndex;
        long sub = v >> shift;
        return (shift + 1) * SubBuckets + (int)(sub - SubBuckets);
    }

    private static long UpperBoundOf(int index)
    {
        if (index < 2 * SubBuckets) return index;
        int shift = index / SubBuckets - 1;
        long sub = index % SubBuckets + SubBuckets;
        return ((sub + 1) << shift) - 1;
    }

    private static readonly int _lastIndex = (Magnitudes + 1) * SubBuckets - 1;
}

public sealed record LatencySummary(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs);
