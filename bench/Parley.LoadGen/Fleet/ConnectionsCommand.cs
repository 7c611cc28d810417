using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Parley.LoadGen.Adapters;
using Parley.LoadGen.Adapters.Parley;
using Parley.LoadGen.Measurement;
using Parley.LoadGen.Reporting;

namespace Parley.LoadGen.Fleet;

/// <summary>
/// `connections`: many authenticated hub connections spread over one or more Parley nodes, held by several worker
/// processes (a process may hold ~20,000 open files here) from several loopback source addresses. Measures connect
/// rate, server memory and CPU per connection per node, the servers' own count of established connections, and
/// then proves every connection is live: one message per room of --room-size users (rooms span every node) must
/// reach every connected member. Bounded by --max-seconds; loopback only; exits 1 when a threshold fails.
/// </summary>
internal static class ConnectionsCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Required = true, Description = "Comma-separated node base URLs (loopback)" };
        var pids = new Option<string?>("--server-pids") { Description = "Comma-separated node PIDs, in --urls order: CPU and RSS from /proc" };
        var servicePids = new Option<string?>("--service-pids") { Description = "Comma-separated PIDs of PostgreSQL/Redis: their memory (PSS) is reported" };
        var accounts = new Option<string>("--accounts") { Required = true, Description = "Accounts file from bench/Parley.Seed `users`" };
        var users = new Option<int>("--users") { Required = true, Description = "Connections to open (one per user)" };
        var processes = new Option<int>("--processes") { Description = "Worker processes (default: one per 15,000 connections)" };
        var sources = new Option<string?>("--sources") { Description = "Comma-separated loopback source addresses (default 127.0.0.1)" };
        var parallelism = new Option<int>("--parallelism") { DefaultValueFactory = _ => 64, Description = "Concurrent connects, over all workers" };
        var roomSize = new Option<int>("--room-size") { DefaultValueFactory = _ => 1000, Description = "Users per liveness room" };
        var hold = new Option<double>("--hold-seconds") { DefaultValueFactory = _ => 20 };
        var adminUser = new Option<string>("--admin-user") { DefaultValueFactory = _ => "lgadmin" };
        var adminPassword = new Option<string>("--admin-password") { DefaultValueFactory = _ => "lg-admin-password-2026" };
        var output = new Option<string?>("--out");
        var maxSeconds = new Option<int>("--max-seconds") { DefaultValueFactory = _ => 1800 };
        var commit = new Option<string?>("--commit");
        var warmup = new Option<int>("--warmup")
        {
            Description = "Before measuring, connect this many further accounts (those after --users in the accounts file) over the nodes, "
                + "then disconnect them: the measured connects then find every node warmed up (its JIT done), as a long-running node is",
        };
        var client = WorkerCommand.ClientOption();
        var cmd = new Command("connections", "Hold many connections over one or more nodes; measure memory and CPU per connection; prove they are live");
        foreach (var o in new Option[] { urls, pids, servicePids, accounts, users, processes, sources, parallelism, roomSize, hold,
                     adminUser, adminPassword, output, maxSeconds, commit, client, warmup })
            cmd.Options.Add(o);
        cmd.SetAction(async (p, ct) =>
        {
            var nodes = Split(p.GetValue(urls)).Select(u => new Uri(u)).ToArray();
            var sourceList = Split(p.GetValue(sources));
            if (nodes.Any(n => !IPAddress.TryParse(n.Host, out var ip) || !IPAddress.IsLoopback(ip)) ||
                sourceList.Any(s => !IPAddress.TryParse(s, out var ip) || !IPAddress.IsLoopback(ip)))
            {
                await Console.Error.WriteLineAsync("--urls and --sources must be loopback addresses");
                return 2;
            }
            var nodePids = Split(p.GetValue(pids)).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            if (nodePids.Length != 0 && nodePids.Length != nodes.Length)
            {
                await Console.Error.WriteLineAsync("--server-pids must name one PID per URL");
                return 2;
            }
            var run = new Run(nodes, nodePids, Split(p.GetValue(servicePids)).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
                p.GetValue(accounts)!, p.GetValue(users), p.GetValue(processes), p.GetValue(sources), p.GetValue(parallelism),
                p.GetValue(roomSize), p.GetValue(hold), p.GetValue(adminUser)!, p.GetValue(adminPassword)!, p.GetValue(client)!, p.GetValue(warmup));
            var result = new RunResult
            {
                Target = nodes.Length == 1 ? "parley" : $"parley x{nodes.Length}",
                StartedAt = DateTimeOffset.UtcNow,
                Commit = p.GetValue(commit) ?? "",
                Command = "Parley.LoadGen " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
                Machine = MachineInfo.Describe(),
                Parameters = new Dictionary<string, double>
                {
                    ["users"] = p.GetValue(users), ["nodes"] = nodes.Length, ["room_size"] = p.GetValue(roomSize),
                    ["hold_seconds"] = p.GetValue(hold), ["sources"] = Math.Max(1, sourceList.Length),
                    ["lean_client"] = p.GetValue(client) == Clients.Lean ? 1 : 0, ["warmup_connections"] = p.GetValue(warmup),
                },
            };
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(p.GetValue(maxSeconds)));
            try
            {
                result.Scenarios.Add(await run.ExecuteAsync(limit.Token));
            }
            catch (Exception e)
            {
                result.Scenarios.Add(new ScenarioResult { Name = "connections", Passed = false, Failures = { e.GetType().Name + ": " + e.Message } });
            }
            if (p.GetValue(output) is { } file)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result, ResultJson.Options), CancellationToken.None);
            }
            Console.WriteLine(Summary.Format(result));
            return result.Passed ? 0 : 1;
        });
        return cmd;
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed record Run(Uri[] Nodes, int[] NodePids, int[] ServicePids, string Accounts, int Users, int Processes, string? Sources,
        int Parallelism, int RoomSize, double HoldSeconds, string AdminUser, string AdminPassword, string Client, int Warmup)
    {
        private const int PerProcess = 15_000;

        public async Task<ScenarioResult> ExecuteAsync(CancellationToken ct)
        {
            var r = new ScenarioResult { Name = "connections" };
            var m = r.Metrics;
            Log($"reading {Users} accounts, creating liveness rooms of {RoomSize}");
            await using var target = new ParleyTarget(Nodes[0], AdminUser, AdminPassword, "lgc", 8, messagePack: true, Accounts);
            var users = await target.CreateUsersAsync(Users, ct);
            var members = Enumerable.Range(0, (Users + RoomSize - 1) / RoomSize)
                .Select(i => Enumerable.Range(i * RoomSize, Math.Min(RoomSize, Users - i * RoomSize)).ToArray()).ToArray();
            var rooms = await target.CreateRoomsAsync(members, users, ct);

            if (Warmup > 0) await WarmUpAsync(ct);
            var before = SampleNodes();
            int workers = Processes > 0 ? Processes : Math.Max(1, (Users + PerProcess - 1) / PerProcess);
            Log($"connecting {Users} users to {Nodes.Length} node(s) from {workers} worker process(es), {Client} client");
            var clock = Stopwatch.StartNew();
            var fleet = new List<WorkerProcess>();
            try
            {
                int per = (Users + workers - 1) / workers;
                for (int w = 0; w < workers; w++)
                {
                    int offset = w * per, count = Math.Min(per, Users - offset);
                    if (count <= 0) break;
                    string[] args = ["--urls", string.Join(',', Nodes.Select(n => n.ToString())), "--accounts", Accounts,
                        "--offset", offset.ToString(CultureInfo.InvariantCulture), "--count", count.ToString(CultureInfo.InvariantCulture),
                        "--parallelism", Math.Max(1, Parallelism / workers).ToString(CultureInfo.InvariantCulture), "--client", Client,
                        .. Sources is null ? Array.Empty<string>() : ["--sources", Sources]];
                    fleet.Add(WorkerProcess.Start(args));
                }
                await Task.WhenAll(fleet.Select(w => w.WaitReadyAsync(ct)));
                double connectSeconds = clock.Elapsed.TotalSeconds;
                var heldFor = Stopwatch.StartNew(); // --hold-seconds counts from here: settling and liveness are part of it
                var connected = SampleNodes();
                int opened = fleet.Sum(w => w.Connected);
                var failed = fleet.SelectMany(w => w.FailedUsers).ToHashSet();
                m["connections"] = opened;
                m["connect_failures"] = failed.Count;
                m["connect_seconds"] = Math.Round(connectSeconds, 2);
                m["connect_per_sec"] = Math.Round(opened / Math.Max(connectSeconds, 1e-3), 1);
                m["worker_processes"] = fleet.Count;
                r.ErrorSamples.AddRange(fleet.SelectMany(w => w.Errors).Take(5));

                Log($"{opened} connected, {failed.Count} failed in {connectSeconds:F1} s; settling");
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                var settled = SampleNodes();
                int established = 0;
                for (int i = 0; i < Nodes.Length; i++)
                {
                    int onNode = TcpTable.EstablishedOn(Nodes[i].Port);
                    established += onNode;
                    m[$"node{i + 1}_established"] = onNode;
                    if (settled[i] is { } s && before[i] is { } b)
                    {
                        m[$"node{i + 1}_rss_kb"] = s.RssKb;
                        m[$"node{i + 1}_kb_per_connection"] = onNode == 0 ? 0 : Math.Round((s.RssKb - b.RssKb) / (double)onNode, 2);
                    }
                }
                m["server_established"] = established;
                if (Sum(settled) is { } total && Sum(before) is { } start && Sum(connected) is { } atConnect)
                {
                    m["server_rss_kb"] = total.RssKb;
                    m["kb_per_connection"] = opened == 0 ? 0 : Math.Round((total.RssKb - start.RssKb) / (double)opened, 2);
                    m["cpu_ms_per_connect"] = opened == 0 ? 0 : Math.Round((atConnect.CpuSeconds - start.CpuSeconds) * 1000 / opened, 3);
                }
                // What the clients cost: the same machine has to hold both ends.
                long workerKb = fleet.Where(w => ProcessTree.IsAlive(w.Pid)).Sum(w => ProcessTree.Sample(w.Pid).RssKb);
                m["loadgen_rss_kb"] = workerKb;
                m["loadgen_kb_per_connection"] = opened == 0 ? 0 : Math.Round(workerKb / (double)opened, 2);
                if (ServicePids.Length > 0)
                    m["services_pss_kb"] = ServicePids.Where(ProcessTree.IsAlive).Sum(ProcessTree.PssKb);

                await ProveLiveAsync(rooms, users, failed, fleet, r, ct);

                var holdStart = SampleNodes();
                double workersAtHold = WorkerCpuSeconds(fleet);
                var remaining = TimeSpan.FromSeconds(HoldSeconds) - heldFor.Elapsed;
                Log($"holding for {Math.Max(0, remaining.TotalSeconds):F0} s more");
                var holdClock = Stopwatch.StartNew();
                if (remaining > TimeSpan.Zero) await Task.Delay(remaining, ct);
                var held = SampleNodes();
                if (Sum(holdStart) is { } hs && Sum(held) is { } he && holdClock.Elapsed.TotalSeconds > 1)
                {
                    // Idle cost per held connection, on both ends: keep-alive pings each way and the timers behind them.
                    double seconds = holdClock.Elapsed.TotalSeconds, serverCpu = he.CpuSeconds - hs.CpuSeconds;
                    double clientCpu = WorkerCpuSeconds(fleet) - workersAtHold;
                    m["idle_cpu_util"] = Math.Round(serverCpu / seconds, 4);
                    m["idle_server_us_per_connection_sec"] = opened == 0 ? 0 : Math.Round(serverCpu * 1e6 / seconds / opened, 2);
                    m["loadgen_idle_cpu_util"] = Math.Round(clientCpu / seconds, 4);
                    m["idle_loadgen_us_per_connection_sec"] = opened == 0 ? 0 : Math.Round(clientCpu * 1e6 / seconds / opened, 2);
                }
                long closed = 0;
                foreach (var w in fleet) closed += (await w.StatsAsync(ct)).Closed;
                m["closed_while_held"] = closed; // by either end: a server drop or a client timeout

                r.Check(opened >= Users * 0.999, $"{Users - opened} of {Users} connections failed (limit 0.1 %)");
                r.Check(established >= opened, $"the servers count {established} established connections, the workers {opened}");
                r.Check(closed == 0, $"{closed} connections were closed while held");
            }
            finally
            {
                Log("disconnecting");
                await Task.WhenAll(fleet.Select(w => w.DisposeAsync().AsTask()));
            }
            return r;
        }

        /// <summary>
        /// Connects the warm-up accounts (after the measured ones) from one worker, closes them, and lets the nodes settle:
        /// their connect and disconnect paths are then compiled at the top tier before the measured phase starts.
        /// </summary>
        private async Task WarmUpAsync(CancellationToken ct)
        {
            Log($"warm-up: connecting and closing {Warmup} further accounts over {Nodes.Length} node(s)");
            string[] args = ["--urls", string.Join(',', Nodes.Select(n => n.ToString())), "--accounts", Accounts,
                "--offset", Users.ToString(CultureInfo.InvariantCulture), "--count", Warmup.ToString(CultureInfo.InvariantCulture),
                "--parallelism", Parallelism.ToString(CultureInfo.InvariantCulture), "--client", Client,
                .. Sources is null ? Array.Empty<string>() : ["--sources", Sources]];
            var worker = WorkerProcess.Start(args);
            try
            {
                await worker.WaitReadyAsync(ct);
                if (worker.Connected < Warmup * 0.99) throw new InvalidOperationException($"warm-up: only {worker.Connected} of {Warmup} connected");
            }
            finally
            {
                await worker.DisposeAsync();
            }
            await Task.Delay(TimeSpan.FromSeconds(10), ct); // disconnects handled, background recompiles done
        }

        /// <summary>One message per room from its first connected member; every connected member must receive it.</summary>
        private async Task ProveLiveAsync(IReadOnlyList<Room> rooms, IReadOnlyList<UserAccount> users, HashSet<int> failed,
            List<WorkerProcess> fleet, ScenarioResult r, CancellationToken ct)
        {
            long baseline = 0;
            foreach (var w in fleet) baseline += (await w.StatsAsync(ct)).Received;
            long expected = 0;
            var rests = Nodes.Select(n => new ParleyRest(n, 8)).ToArray();
            try
            {
                Log($"liveness: one message to each of {rooms.Count} rooms");
                var clock = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, rooms.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                    async (i, token) =>
                    {
                        var room = rooms[i];
                        var live = room.Members.Where(x => !failed.Contains(x)).ToArray();
                        if (live.Length == 0) return;
                        await rests[i % rests.Length].SendMessageAsync(users[live[0]].Token!, room.ConversationId, MessageBody.Create(64), token);
                        Interlocked.Add(ref expected, live.Length);
                    });
                var latency = new LatencyHistogram();
                long received = 0;
                var deadline = TimeSpan.FromSeconds(60);
                while (clock.Elapsed < deadline)
                {
                    latency = new LatencyHistogram();
                    received = -baseline;
                    foreach (var w in fleet)
                    {
                        var s = await w.StatsAsync(ct);
                        received += s.Received;
                        foreach (var (index, count) in s.Buckets) latency.Add(index, count);
                    }
                    if (received >= expected) break;
                    await Task.Delay(250, ct);
                }
                var m = r.Metrics;
                m["liveness_expected"] = expected;
                m["liveness_delivered"] = received;
                m["liveness_complete_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
                var sum = latency.Summarize();
                m["liveness_p50_ms"] = Math.Round(sum.P50Ms, 1);
                m["liveness_p99_ms"] = Math.Round(sum.P99Ms, 1);
                m["liveness_max_ms"] = Math.Round(sum.MaxMs, 1);
                r.Check(received >= expected, $"liveness: {received} of {expected} deliveries arrived within {deadline.TotalSeconds:F0} s");
            }
            finally
            {
                foreach (var rest in rests) rest.Dispose();
            }
        }

        private static double WorkerCpuSeconds(List<WorkerProcess> fleet) =>
            fleet.Where(w => ProcessTree.IsAlive(w.Pid)).Sum(w => ProcessTree.Sample(w.Pid).CpuSeconds);

        private ProcessSample?[] SampleNodes() =>
            NodePids.Length == 0 ? new ProcessSample?[Nodes.Length]
                : NodePids.Select(pid => ProcessTree.IsAlive(pid) ? ProcessTree.Sample(pid) : null).ToArray();

        private static ProcessSample? Sum(ProcessSample?[] samples) =>
            samples.Length == 0 || samples.Any(s => s is null) ? null
                : new ProcessSample(DateTimeOffset.UtcNow, samples.Sum(s => s!.CpuSeconds), samples.Sum(s => s!.RssKb), samples.Sum(s => s!.Processes));

        private static void Log(string line) => Console.Error.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {line}");
    }
}
