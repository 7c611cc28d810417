using System.Collections.Concurrent;
using Parley.Server.Platform.Subscribers;

namespace Parley.Server.Tests.Platform;

/// <summary>A throwaway durable subscriber for tests, registered through the public seam; it can be told to fail.</summary>
public sealed class RecordingSubscriber(string name, string stream) : IEventSubscriber
{
    public string Name { get; } = name;
    public string Stream { get; } = stream;
    public int BatchSize => 7;
    public ConcurrentQueue<LoggedEvent> Seen { get; } = new();
    private int _failuresLeft;
    private int _calls;

    /// <summary>How many of the next batches throw.</summary>
    public int FailuresLeft { get => _failuresLeft; init => _failuresLeft = value; }
    public int Calls => Volatile.Read(ref _calls);

    public Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0) throw new InvalidOperationException("deliberate failure " + batch[0].Id);
        foreach (var e in batch) Seen.Enqueue(e);
        return Task.CompletedTask;
    }

    public async Task<List<LoggedEvent>> WaitForAsync(Func<IReadOnlyList<LoggedEvent>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var seen = Seen.ToList();
            if (done(seen)) return seen;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"subscriber {Name} never saw {what}; saw: {string.Join(", ", Seen.Select(e => e.Type))}");
    }
}
