using Parley.LoadGen.Adapters;
using Parley.LoadGen.Reporting;

namespace Parley.LoadGen.Scenarios;

/// <summary>Runs the selected scenarios, in a fixed order, against one target over one shared world.</summary>
public static class Runner
{
    /// <summary>Room sizes are compared at equal offered deliveries: --rate is per this room size.</summary>
    public const int ReferenceRoomSize = 100;

    /// <summary>Low enough that a peer which falls behind (Prosody) has drained before the measured run.</summary>
    private const double WarmupRate = 20;

    public static async Task RunAsync(IChatTarget target, ServerProbe probe, RunOptions o, RunResult result, CancellationToken ct)
    {
        var sink = new LoadSink();
        await using var world = new World(target, sink, o.Parallelism);
        Log($"{target.Name}: creating {o.Users} users");
        await world.CreateUsersAsync(o.Users, ct);
        foreach (var (size, rooms) in o.RoomSets)
        {
            Log($"{target.Name}: creating {rooms} rooms of {size}");
            await world.CreateRoomSetAsync(size, rooms, ct);
        }

        if (o.Scenarios.Contains("idle"))
        {
            Log($"{target.Name}: idle, connecting {o.Users}");
            result.Scenarios.Add(await IdleScenario.RunAsync(world, probe, o, ct));
        }
        else
        {
            await world.ConnectAsync(null, ct);
        }

        foreach (var (size, rooms) in world.RoomSets)
        {
            Log($"{target.Name}: joining {rooms.Count} rooms of {size}");
            int failed = await world.JoinAsync(rooms, null, ct);
            if (failed > 0) Log($"{target.Name}: {failed} joins failed");
        }

        // Warm-up, unmeasured: the first sends pay for JIT compilation (and its tier-1 re-compilation)
        // and serializer code generation on both sides (Parley's first deliveries took up to 1 s without it).
        foreach (var (size, rooms) in world.RoomSets)
        {
            Log($"{target.Name}: warm-up in rooms of {size}");
            world.Sink.BeginPhase();
            await new OpenLoopSender(world, rooms, o.PaddingBytes).RunAsync(WarmupRate, TimeSpan.FromSeconds(o.WarmupSeconds), ct);
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }

        if (o.Scenarios.Contains("rooms"))
        {
            var rates = o.Rates.Count > 0 ? o.Rates : [o.Rate];
            foreach (var reference in rates)
            {
                foreach (var (size, rooms) in world.RoomSets)
                {
                    double rate = Math.Max(1, Math.Round(reference * ReferenceRoomSize / size));
                    Log($"{target.Name}: rooms of {size}, {rate}/s for {o.DurationSeconds} s");
                    result.Scenarios.Add(await RoomsScenario.RunAsync(RoomsScenarioName(size, reference, rates[0]), world, rooms, probe, o, rate, o.DurationSeconds, ct));
                }
            }
        }
        if (o.Scenarios.Contains("saturation"))
        {
            var (size, rooms) = world.RoomSets.First();
            Log($"{target.Name}: saturation in rooms of {size}");
            result.Scenarios.Add(await SaturationScenario.RunAsync(world, rooms, probe, o, ct));
        }
        if (o.Scenarios.Contains("reconnect"))
        {
            Log($"{target.Name}: reconnect storm of {o.ReconnectFraction:P0}");
            result.Scenarios.Add(await ReconnectScenario.RunAsync(world, probe, o, ct));
        }
        if (o.Scenarios.Contains("history") && target.History is not null)
        {
            Log($"{target.Name}: history and search");
            result.Scenarios.Add(await HistoryScenario.RunAsync(world, o, ct));
        }
        Log($"{target.Name}: disconnecting");
    }

    /// <summary>rooms_k{size} at the reference (first) rate, rooms_k{size}_r{rate} at each further one (rate per room of 100).</summary>
    public static string RoomsScenarioName(int size, double rate, double reference) =>
        rate == reference ? $"rooms_k{size}" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rooms_k{size}_r{rate}");

    private static void Log(string line) => Console.Error.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {line}");
}
