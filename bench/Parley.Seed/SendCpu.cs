using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Users;
using Parley.Server.Hosting;
using Parley.Server.Storage;

namespace Parley.Seed;

/// <summary>
/// `send-cpu`: CPU per sent message through MessageService.SendAsync (the whole send path: rules, writer, indexing),
/// with the writer's statement cache on (A) and off (B), alternating A B / B A by round in one process so drift on a
/// shared machine hits both alike. CPU time, not wall time, is the figure: wall time on a busy 2-core box mostly
/// measures the neighbours. Reports the process's CPU and the writer thread's own CPU (/proc, Linux) per message.
/// </summary>
internal static class SendCpu
{
    private const string WriterThreadName = "parley-writer"; // WriteQueue names its thread so

    public static Command Create()
    {
        var data = new Option<string>("--data") { Required = true, Description = "Data folder (created if missing; not of a running server)" };
        var messages = new Option<int>("--messages") { DefaultValueFactory = _ => 20_000, Description = "Measured sends per run" };
        var rounds = new Option<int>("--rounds") { DefaultValueFactory = _ => 5 };
        var inFlight = new Option<int>("--in-flight") { DefaultValueFactory = _ => 64, Description = "Concurrent sends, so group commit batches as under load" };
        var warmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 2_000, Description = "Unmeasured sends first in every run (JIT, caches)" };
        var only = new Option<bool?>("--only") { Description = "Run one variant (true: cache on, false: off), e.g. under perf record; default both" };
        var cmd = new Command("send-cpu", "Measure CPU per sent message, statement cache on vs off") { data, messages, rounds, inFlight, warmup, only };
        cmd.SetAction(async (p, ct) =>
        {
            var results = new Dictionary<bool, List<Sample>> { [true] = [], [false] = [] };
            // Round 0, not counted: the first run in a process pays for JIT and tiering, whichever variant it is.
            bool[] variants = p.GetValue(only) is { } one ? [one] : [true, false];
            foreach (bool cache in variants)
                await RunAsync(p.GetValue(data)!, cache, p.GetValue(warmup), p.GetValue(inFlight), p.GetValue(warmup));
            for (int round = 1; round <= p.GetValue(rounds); round++)
            {
                bool[] order = round % 2 == 1 ? variants : [.. Enumerable.Reverse(variants)];
                foreach (bool cache in order)
                {
                    var sample = await RunAsync(p.GetValue(data)!, cache, p.GetValue(messages), p.GetValue(inFlight), p.GetValue(warmup));
                    results[cache].Add(sample);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round} cache={(cache ? "on " : "off")}: {sample.ProcessUsPerMessage,7:F1} µs CPU/msg (writer thread {sample.WriterUsPerMessage,7:F1}), wall {sample.WallUsPerMessage,7:F1} µs/msg"));
                }
            }
            double onProcess = Median(results[true].Select(s => s.ProcessUsPerMessage)), offProcess = Median(results[false].Select(s => s.ProcessUsPerMessage));
            double onWriter = Median(results[true].Select(s => s.WriterUsPerMessage)), offWriter = Median(results[false].Select(s => s.WriterUsPerMessage));
            double onWall = Median(results[true].Select(s => s.WallUsPerMessage)), offWall = Median(results[false].Select(s => s.WallUsPerMessage));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                medians over {p.GetValue(rounds)} rounds, µs per message:  cache off  cache on  on/off
                  process CPU                                 {offProcess,9:F1} {onProcess,9:F1} {onProcess / offProcess,7:F3}
                  writer thread CPU                           {offWriter,9:F1} {onWriter,9:F1} {onWriter / offWriter,7:F3}
                  wall                                        {offWall,9:F1} {onWall,9:F1} {onWall / offWall,7:F3}
                """));
            return 0;
        });
        return cmd;
    }

    private sealed record Sample(double ProcessUsPerMessage, double WriterUsPerMessage, double WallUsPerMessage);

    private static async Task<Sample> RunAsync(string dataDirectory, bool cache, int messages, int inFlight, int warmup)
    {
        string[] args =
        [
            $"--Parley:Storage:StatementCache={cache}",
            "--Parley:Messages:RatePerSecond=1000000", "--Parley:Messages:RateBurst=1000000", // one sender, no throttle
        ];
        Sample? result = null;
        await ParleyCli.WithServicesAsync(args, dataDirectory, async sp =>
        {
            var writer = sp.GetRequiredService<WriteQueue>();
            var service = sp.GetRequiredService<MessageService>();
            string run = Guid.NewGuid().ToString("N")[..12];
            var (userId, channelId) = await writer.ExecuteAsync(w =>
            {
                var user = UserStore.Insert(w, "cpu" + run, "send-cpu " + run, "not-a-password-hash", "password", null);
                long channel = ConversationStore.Insert(w, ConversationKinds.Channel, "send-cpu-" + run, null, null, user.Id);
                ConversationStore.UpsertMember(w, channel, user.Id, MemberRoles.Owner, 0);
                return (user.Id, channel);
            });
            await SendAsync(service, userId, channelId, run + "w", warmup, inFlight);
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            long writer0 = WriterThreadTicks();
            var wall = Stopwatch.StartNew();
            await SendAsync(service, userId, channelId, run + "m", messages, inFlight);
            wall.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            double writerUs = (WriterThreadTicks() - writer0) * 1e6 / ClockTicksPerSecond;
            result = new Sample(cpu.TotalMicroseconds / messages, writerUs / messages, wall.Elapsed.TotalMicroseconds / messages);
            return 0;
        });
        return result ?? throw new InvalidOperationException("send-cpu run failed");
    }

    private static async Task SendAsync(MessageService service, long userId, long channelId, string prefix, int count, int inFlight)
    {
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                string text = string.Create(CultureInfo.InvariantCulture, $"message {i} of the cpu run: 请在周五之前提交季度报告 the build is green again");
                await service.SendAsync(userId, channelId, new SendMessageRequest(text, prefix + i.ToString(CultureInfo.InvariantCulture), null, null));
            }
        })));
    }

    // USER_HZ: the unit of utime/stime in /proc/<pid>/task/<tid>/stat; 100 on every Linux build that matters (getconf CLK_TCK).
    private const double ClockTicksPerSecond = 100;

    /// <summary>utime + stime of the writer thread, in clock ticks; 0 where /proc is not there (the process figure still stands).</summary>
    private static long WriterThreadTicks()
    {
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks)) return 0;
        foreach (var dir in Directory.EnumerateDirectories(tasks))
        {
            string comm;
            try { comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim(); }
            catch (IOException) { continue; }
            if (comm != WriterThreadName) continue;
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            // Fields after the ")" that closes the name: state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
