using System.Diagnostics;
using Parley.LoadGen.Adapters;

namespace Parley.LoadGen.Scenarios;

/// <summary>
/// Sends at a fixed aggregate rate regardless of how fast the server answers (open loop), so a
/// slow server shows up as latency and backlog instead of silently lowering the offered load.
/// Bounded: exactly rate × seconds messages, and at most <see cref="MaxInFlight"/> unanswered.
/// </summary>
public sealed class OpenLoopSender(World world, IReadOnlyList<Room> rooms, int paddingBytes)
{
    // Beyond this many unacknowledged sends the server is hopelessly behind; further sends
    // are counted as errors rather than queued without bound in the generator.
    private const int MaxInFlight = 20_000;

    public sealed record Outcome(long Sent, long Failed, long ExpectedDeliveries, TimeSpan Elapsed);

    public async Task<Outcome> RunAsync(double ratePerSecond, TimeSpan duration, CancellationToken ct)
    {
        long total = (long)Math.Round(ratePerSecond * duration.TotalSeconds);
        double ticksPerMessage = Stopwatch.Frequency / ratePerSecond;
        long sent = 0, failed = 0, expected = 0, inFlight = 0;
        var pending = new List<Task>();
        var random = new Random(7);
        long start = Stopwatch.GetTimestamp();

        for (long i = 0; i < total && !ct.IsCancellationRequested; i++)
        {
            long due = start + (long)(i * ticksPerMessage);
            while (true)
            {
                long wait = due - Stopwatch.GetTimestamp();
                if (wait <= 0) break;
                if (wait * 1000 / Stopwatch.Frequency >= 2) await Task.Delay(1, ct);
                else Thread.Yield();
            }

            var room = rooms[(int)(i % rooms.Count)];
            var client = PickSender(room, random);
            if (client is null || Interlocked.Read(ref inFlight) >= MaxInFlight) { Interlocked.Increment(ref failed); continue; }

            Interlocked.Increment(ref inFlight);
            long members = room.Members.Count(m => world.Clients[m] is not null);
            var task = SendOneAsync(client, room, members);
            pending.Add(task);
            if (pending.Count >= 4096) pending.RemoveAll(t => t.IsCompleted);

            async Task SendOneAsync(IChatClient c, Room r, long fanout)
            {
                try
                {
                    await c.SendAsync(r, MessageBody.Create(paddingBytes), ct);
                    Interlocked.Increment(ref sent);
                    Interlocked.Add(ref expected, fanout);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref failed);
                    world.Sink.OnError($"send to {r.Key}: {e.Message}");
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }
        }
        // Acknowledgements still outstanding get a bounded grace period, then count as failed.
        var all = Task.WhenAll(pending);
        try { await all.WaitAsync(TimeSpan.FromSeconds(10), ct); }
        catch (TimeoutException) { Interlocked.Add(ref failed, pending.Count(t => !t.IsCompleted)); }
        return new Outcome(Interlocked.Read(ref sent), Interlocked.Read(ref failed), Interlocked.Read(ref expected),
            Stopwatch.GetElapsedTime(start));
    }

    private IChatClient? PickSender(Room room, Random random)
    {
        for (int attempt = 0; attempt < 8; attempt++)
        {
            int m = room.Members[random.Next(room.Members.Length)];
            if (world.Clients[m] is { } c) return c;
        }
        return null;
    }
}
