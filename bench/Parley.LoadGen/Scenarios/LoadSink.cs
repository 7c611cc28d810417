using System.Diagnostics;
using Parley.LoadGen.Adapters;
using Parley.LoadGen.Measurement;

namespace Parley.LoadGen.Scenarios;

/// <summary>
/// Collects every client's deliveries into the current measurement phase. Messages stamped
/// before the phase began (stragglers of an earlier phase) are counted apart, so a phase's
/// latency and completeness describe only its own traffic.
/// </summary>
public sealed class LoadSink : IDeliverySink
{
    private const int MaxErrorSamples = 5;
    private Phase _phase = new(Stopwatch.GetTimestamp());
    private readonly List<string> _errorSamples = [];
    private long _errors;

    public long Errors => Interlocked.Read(ref _errors);

    public IReadOnlyList<string> ErrorSamples { get { lock (_errorSamples) return _errorSamples.ToArray(); } }

    public Phase Current => Volatile.Read(ref _phase);

    public Phase BeginPhase()
    {
        var p = new Phase(Stopwatch.GetTimestamp());
        Volatile.Write(ref _phase, p);
        return p;
    }

    public void OnMessage(ReadOnlySpan<byte> utf8Body) => Record(MessageBody.ParseTimestamp(utf8Body));

    public void OnMessage(string body) => Record(MessageBody.ParseTimestamp(body));

    public void OnError(string what)
    {
        Interlocked.Increment(ref _errors);
        lock (_errorSamples)
            if (_errorSamples.Count < MaxErrorSamples) _errorSamples.Add(what);
    }

    private void Record(long sentTicks)
    {
        if (sentTicks < 0) return;
        long now = Stopwatch.GetTimestamp();
        var p = Current;
        if (sentTicks < p.StartTicks) p.CountStale();
        else p.Delivered(sentTicks, now);
    }

    public sealed class Phase(long startTicks)
    {
        public long StartTicks { get; } = startTicks;
        public LatencyHistogram Latency { get; } = new();
        private long _stale;
        private long _lastDeliveryTicks;

        public long Received => Latency.Count;
        public long Stale => Interlocked.Read(ref _stale);
        public long LastDeliveryTicks => Interlocked.Read(ref _lastDeliveryTicks);

        public void CountStale() => Interlocked.Increment(ref _stale);

        public void Delivered(long sentTicks, long nowTicks)
        {
            Latency.RecordStopwatchTicks(nowTicks - sentTicks);
            Interlocked.Exchange(ref _lastDeliveryTicks, nowTicks);
        }
    }
}
