using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Parley.LoadGen.Adapters;
using Parley.LoadGen.Adapters.Parley;
using Parley.LoadGen.Adapters.Xmpp;
using Parley.LoadGen.Reporting;
using Parley.LoadGen.Scenarios;

namespace Parley.LoadGen;

/// <summary>`run`: one target, the selected scenarios, a JSON result and a summary; exit 1 when a threshold fails.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "parley | xmpp | stockhub (bench/peers/StockHub)", Required = true };
        var name = new Option<string?>("--name") { Description = "Name in the results (default: parley, or the XMPP server's name)" };
        var url = new Option<string>("--url") { Description = "Parley base URL (loopback only)", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var xmpp = new Option<string>("--xmpp") { Description = "XMPP host:port (loopback only)", DefaultValueFactory = _ => "127.0.0.1:15222" };
        var domain = new Option<string>("--domain") { Description = "XMPP domain", DefaultValueFactory = _ => "localhost" };
        var adminUser = new Option<string>("--admin-user") { DefaultValueFactory = _ => "lgadmin" };
        var adminPassword = new Option<string>("--admin-password") { DefaultValueFactory = _ => "lg-admin-password-2026" };
        var json = new Option<bool>("--json-protocol") { Description = "Parley and stockhub: use the JSON hub protocol instead of MessagePack" };
        var pid = new Option<int?>("--server-pid") { Description = "Server PID: CPU and RSS of its process tree come from /proc" };
        var data = new Option<string?>("--server-data") { Description = "Server data directory: stored bytes per message" };
        var users = new Option<int?>("--users") { Description = "Users and connections (default 1000; smoke 20)" };
        var rooms = new Option<string?>("--rooms") { Description = "Room sets SIZExCOUNT, comma separated (default 100x10; smoke 10x2)" };
        var rate = new Option<double?>("--rate") { Description = "Messages/s for 100-member rooms; other sizes scale to equal deliveries" };
        var rates = new Option<string?>("--rates") { Description = "Several offered loads in one run, e.g. 50,200,500 (per room of 100; replaces --rate; the first keeps the scenario names rooms_k<size>, the others add rooms_k<size>_r<rate>)" };
        var duration = new Option<double?>("--duration") { Description = "Seconds of sending per rooms scenario" };
        var scenarios = new Option<string?>("--scenarios") { Description = "Comma list: idle,rooms,saturation,reconnect,history" };
        var warmup = new Option<double?>("--warmup-seconds") { Description = "Unmeasured sending per room size before the measured scenarios (default 12; smoke 3)" };
        var satStart = new Option<double?>("--saturation-start") { Description = "First saturation step, messages/s" };
        var satSteps = new Option<int?>("--saturation-steps") { Description = "At most this many saturation steps" };
        var satSeconds = new Option<double?>("--saturation-step-seconds") { Description = "Seconds per saturation step" };
        var parallel = new Option<int?>("--parallelism") { Description = "Concurrent connects/registrations (default 32)" };
        var prefix = new Option<string?>("--prefix") { Description = "User and room name prefix (default: random per run)" };
        var output = new Option<string?>("--out") { Description = "Write the JSON result here" };
        var maxSeconds = new Option<int>("--max-seconds") { Description = "Hard time limit of the whole run", DefaultValueFactory = _ => 900 };
        var smoke = new Option<bool>("--smoke") { Description = "Small and quick: 20 users, rooms of 10, a few seconds; for the test command" };
        var commit = new Option<string?>("--commit") { Description = "Commit recorded in the result" };
        var historyConversation = new Option<long?>("--history-conversation") { Description = "Probe history/search in this seeded conversation and enforce the latency targets" };
        var accounts = new Option<string?>("--accounts") { Description = "Parley: accounts file from bench/Parley.Seed instead of creating users over REST" };

        var cmd = new Command("run", "Run scenarios against one server");
        foreach (var o in new Option[] { target, name, url, xmpp, domain, adminUser, adminPassword, json, pid, data, users, rooms, rate, rates, duration,
                     scenarios, warmup, satStart, satSteps, satSeconds, parallel, prefix, output, maxSeconds, smoke, commit, accounts, historyConversation })
            cmd.Options.Add(o);

        cmd.SetAction(async (p, ct) =>
        {
            bool isSmoke = p.GetValue(smoke);
            var defaults = isSmoke ? SmokeDefaults : new RunOptions();
            var options = defaults with
            {
                Users = p.GetValue(users) ?? defaults.Users,
                RoomSets = ParseRooms(p.GetValue(rooms)) ?? defaults.RoomSets,
                Rates = ParseRates(p.GetValue(rates)) ?? defaults.Rates,
                Rate = ParseRates(p.GetValue(rates))?[0] ?? p.GetValue(rate) ?? defaults.Rate,
                DurationSeconds = p.GetValue(duration) ?? defaults.DurationSeconds,
                Scenarios = p.GetValue(scenarios)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() ?? defaults.Scenarios,
                WarmupSeconds = p.GetValue(warmup) ?? defaults.WarmupSeconds,
                SaturationStartRate = p.GetValue(satStart) ?? defaults.SaturationStartRate,
                SaturationMaxSteps = p.GetValue(satSteps) ?? defaults.SaturationMaxSteps,
                SaturationStepSeconds = p.GetValue(satSeconds) ?? defaults.SaturationStepSeconds,
                Parallelism = p.GetValue(parallel) ?? defaults.Parallelism,
                HistoryConversationId = p.GetValue(historyConversation),
            };
            if (options.RoomSets.Any(s => s.Size > options.Users))
            {
                await Console.Error.WriteLineAsync("every room size must be at most --users");
                return 2;
            }
            string runPrefix = p.GetValue(prefix) ?? "lg" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
            int parallelism = options.Parallelism;

            IChatTarget chat;
            switch (p.GetValue(target))
            {
                case "parley":
                    var baseUri = new Uri(p.GetValue(url)!);
                    if (!IsLoopback(baseUri.Host)) { await Console.Error.WriteLineAsync("--url must be a loopback address"); return 2; }
                    chat = new ParleyTarget(baseUri, p.GetValue(adminUser)!, p.GetValue(adminPassword)!, runPrefix, parallelism, !p.GetValue(json), p.GetValue(accounts));
                    break;
                case "xmpp":
                    var endpoint = IPEndPoint.Parse(p.GetValue(xmpp)!);
                    if (!IPAddress.IsLoopback(endpoint.Address)) { await Console.Error.WriteLineAsync("--xmpp must be a loopback address"); return 2; }
                    chat = new XmppTarget(p.GetValue(name) ?? "xmpp", endpoint, p.GetValue(domain)!, runPrefix, parallelism);
                    break;
                case "stockhub":
                    var hubUri = new Uri(p.GetValue(url)!);
                    if (!IsLoopback(hubUri.Host)) { await Console.Error.WriteLineAsync("--url must be a loopback address"); return 2; }
                    chat = new Adapters.StockHub.StockHubTarget(hubUri, runPrefix, !p.GetValue(json));
                    break;
                default:
                    await Console.Error.WriteLineAsync("--target must be parley, xmpp or stockhub");
                    return 2;
            }

            var result = new RunResult
            {
                Target = p.GetValue(name) ?? chat.Name,
                StartedAt = DateTimeOffset.UtcNow,
                Commit = p.GetValue(commit) ?? "",
                Command = "Parley.LoadGen " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
                Machine = MachineInfo.Describe(),
                Parameters = new Dictionary<string, double>
                {
                    ["users"] = options.Users, ["rate"] = options.Rate, ["duration_seconds"] = options.DurationSeconds,
                    ["warmup_seconds"] = options.WarmupSeconds,
                    ["padding_bytes"] = options.PaddingBytes, ["saturation_start"] = options.SaturationStartRate,
                    ["saturation_factor"] = options.SaturationFactor, ["saturation_step_seconds"] = options.SaturationStepSeconds,
                    ["reconnect_fraction"] = options.ReconnectFraction,
                },
            };
            var probe = new ServerProbe(p.GetValue(pid), p.GetValue(data));
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(p.GetValue(maxSeconds)));
            int exit = 0;
            try
            {
                await using (chat)
                    await Runner.RunAsync(chat, probe, options, result, limit.Token);
            }
            catch (Exception e)
            {
                // A run that could not finish is a failed run, with the reason in the result.
                result.Scenarios.Add(new ScenarioResult { Name = "run", Passed = false, Failures = { e.GetType().Name + ": " + e.Message } });
                exit = 1;
            }
            if (!result.Passed) exit = 1;
            if (p.GetValue(output) is { } file)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result, ResultJson.Options), CancellationToken.None);
            }
            Console.WriteLine(Summary.Format(result));
            return exit;
        });
        return cmd;
    }

    /// <summary>Smoke: small, a few seconds, no saturation; meant for the test command.</summary>
    private static readonly RunOptions SmokeDefaults = new()
    {
        Users = 20,
        RoomSets = [(10, 2)],
        // --rate is per 100-member room; rooms of 10 get 10× that: 50 msg/s, 500 deliveries/s.
        Rate = 5,
        DurationSeconds = 3,
        WarmupSeconds = 3,
        IdleHoldSeconds = 1,
        HistoryRequests = 20,
        SeedMessages = 12,
        Parallelism = 8,
        Scenarios = new HashSet<string> { "idle", "rooms", "reconnect", "history" },
        // The smoke proves the tool and the protocol work (every message delivered, no error);
        // it runs beside other test suites on 2 shared cores, so latency gets a loose limit.
        Thresholds = new Thresholds { MaxP99Ms = 5000 },
    };

    private static IReadOnlyList<(int, int)>? ParseRooms(string? spec) =>
        spec?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.Split('x'))
            .Select(a => (int.Parse(a[0], CultureInfo.InvariantCulture), int.Parse(a[1], CultureInfo.InvariantCulture)))
            .ToArray();

    private static double[]? ParseRates(string? spec)
    {
        var rates = spec?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => double.Parse(r, CultureInfo.InvariantCulture)).Distinct().ToArray();
        return rates is { Length: > 0 } ? rates : null;
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
