using System.Diagnostics;
using Parley.LoadGen.Adapters;

namespace Parley.LoadGen.Scenarios;

/// <summary>The users, rooms and open connections that the scenarios of one run share.</summary>
public sealed class World(IChatTarget target, LoadSink sink, int parallelism) : IAsyncDisposable
{
    public IChatTarget Target => target;
    public LoadSink Sink => sink;
    public IReadOnlyList<UserAccount> Users { get; private set; } = [];
    public IChatClient?[] Clients { get; private set; } = [];

    /// <summary>Room sets by room size: rooms of K members each.</summary>
    public Dictionary<int, IReadOnlyList<Room>> RoomSets { get; } = [];

    public async Task CreateUsersAsync(int count, CancellationToken ct)
    {
        Users = await target.CreateUsersAsync(count, ct);
        Clients = new IChatClient?[count];
    }

    /// <summary>
    /// Creates <paramref name="rooms"/> rooms of <paramref name="size"/> members; members are
    /// consecutive users so a set of rooms partitions the first rooms × size users.
    /// </summary>
    public async Task CreateRoomSetAsync(int size, int rooms, CancellationToken ct)
    {
        var members = Enumerable.Range(0, rooms)
            .Select(r => Enumerable.Range(r * size, size).Select(i => i % Users.Count).Distinct().ToArray())
            .ToArray();
        RoomSets[size] = await target.CreateRoomsAsync(members, Users, ct);
    }

    /// <summary>Connects the given users (all when null); returns connections per second and failures.</summary>
    public async Task<(double PerSecond, int Failed, TimeSpan Elapsed)> ConnectAsync(IEnumerable<int>? which, CancellationToken ct)
    {
        var indices = (which ?? Enumerable.Range(0, Users.Count)).ToArray();
        int failed = 0;
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(indices, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (i, token) =>
            {
                try { Clients[i] = await target.ConnectAsync(Users[i], sink, token); }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    sink.OnError($"connect {Users[i].Username}: {e.Message}");
                }
            });
        sw.Stop();
        return (indices.Length / Math.Max(sw.Elapsed.TotalSeconds, 1e-3), failed, sw.Elapsed);
    }

    /// <summary>Joins every connected member of every room in the set (a no-op for Parley).</summary>
    public async Task<int> JoinAsync(IReadOnlyList<Room> rooms, IEnumerable<int>? onlyUsers, CancellationToken ct)
    {
        var only = onlyUsers is null ? null : new HashSet<int>(onlyUsers);
        var joins = rooms.SelectMany(r => r.Members.Where(m => only is null || only.Contains(m)).Select(m => (Room: r, Member: m))).ToArray();
        int failed = 0;
        // Creators first: a room's first member creates and configures it before anyone else joins.
        var creators = joins.Where(j => j.Member == j.Room.Members[0]).ToArray();
        failed += await JoinEachAsync(creators, ct);
        failed += await JoinEachAsync(joins.Where(j => j.Member != j.Room.Members[0]).ToArray(), ct);
        return failed;
    }

    private async Task<int> JoinEachAsync((Room Room, int Member)[] joins, CancellationToken ct)
    {
        int failed = 0;
        await Parallel.ForEachAsync(joins, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (j, token) =>
            {
                if (Clients[j.Member] is not { } c) { Interlocked.Increment(ref failed); return; }
                try { await c.JoinAsync(j.Room, token).WaitAsync(TimeSpan.FromSeconds(60), token); }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    sink.OnError($"join {j.Room.Key} as {Users[j.Member].Username}: {e.Message}");
                }
            });
        return failed;
    }

    public int ConnectedCount => Clients.Count(c => c is not null);

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(Clients.Where(c => c is not null), new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (c, token) =>
            {
                try { await c!.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), token); }
                catch (Exception) { /* tearing down: the server notices either way */ }
            });
        Clients = new IChatClient?[Users.Count];
    }
}
