using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.LoadGen.Adapters;
using Parley.LoadGen.Adapters.Parley;
using Parley.LoadGen.Measurement;

namespace Parley.LoadGen.Fleet;

/// <summary>
/// `connections-worker` (started by `connections`, not by hand): holds one slice of the users' hub connections
/// and answers its coordinator over stdin/stdout, one line per command (see <see cref="WorkerProtocol"/>).
/// A process may hold at most ~20,000 open files here, so a run of 100,000 connections needs several of these.
/// </summary>
internal static class WorkerCommand
{
    public const string Name = "connections-worker";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Required = true, Description = "Comma-separated node base URLs; user i connects to node i mod n" };
        var accounts = new Option<string>("--accounts") { Required = true };
        var offset = new Option<int>("--offset") { Required = true };
        var count = new Option<int>("--count") { Required = true };
        var sources = new Option<string?>("--sources") { Description = "Comma-separated loopback source addresses" };
        var parallelism = new Option<int>("--parallelism") { DefaultValueFactory = _ => 16 };
        var json = new Option<bool>("--json-protocol");
        var client = ClientOption();
        var cmd = new Command(Name, "One slice of a `connections` run (internal)") { Hidden = true };
        foreach (var o in new Option[] { urls, accounts, offset, count, sources, parallelism, json, client }) cmd.Options.Add(o);
        cmd.SetAction(async (p, ct) =>
        {
            var nodes = Parse(p.GetValue(urls)!, s => new Uri(s));
            var from = Parse(p.GetValue(sources), IPAddress.Parse);
            int first = p.GetValue(offset);
            var all = await ParleyTarget.ReadAccountsAsync(p.GetValue(accounts)!, first + p.GetValue(count), ct);
            var slice = all.Skip(first).ToArray();
            await using var holder = new ConnectionHolder(nodes, from, !p.GetValue(json), p.GetValue(client) == Clients.Lean);
            // Commands are read by one loop from the start, so a coordinator that dies (end of input) ends the worker even
            // while it is still connecting.
            using var orphaned = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var commands = System.Threading.Channels.Channel.CreateUnbounded<string>();
            _ = Task.Run(async () =>
            {
                while (await Console.In.ReadLineAsync(CancellationToken.None) is { } line) commands.Writer.TryWrite(line);
                commands.Writer.TryComplete();
                await orphaned.CancelAsync();
            }, CancellationToken.None);
            try
            {
                await holder.ConnectAsync(slice, p.GetValue(parallelism), orphaned.Token);
            }
            catch (OperationCanceledException) when (orphaned.IsCancellationRequested)
            {
                return 1;
            }
            await holder.ServeAsync(commands.Reader, Console.Out, ct);
            return 0;
        });
        return cmd;
    }

    /// <summary>--client: "lean" (the default; <see cref="LeanFleet"/>) or "signalr" (the official .NET SignalR client).</summary>
    public static Option<string> ClientOption()
    {
        var client = new Option<string>("--client")
        {
            DefaultValueFactory = _ => Clients.Lean,
            Description = "lean: raw WebSockets speaking the MessagePack hub protocol, one shared ping loop; signalr: the .NET SignalR client",
        };
        client.AcceptOnlyFromAmong(Clients.Lean, Clients.SignalR);
        return client;
    }

    private static T[] Parse<T>(string? list, Func<string, T> parse) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToArray();
}

/// <summary>The client kinds of `connections --client`.</summary>
internal static class Clients
{
    public const string Lean = "lean";
    public const string SignalR = "signalr";
}

/// <summary>The hub connections of one worker and what they received: SignalR clients, or one <see cref="LeanFleet"/> (MessagePack only).</summary>
internal sealed class ConnectionHolder : IAsyncDisposable
{
    private readonly Uri[] nodes;
    private readonly IPAddress[] sources;
    private readonly bool messagePack;
    private readonly LeanFleet? _lean;
    private readonly LatencyHistogram _latency = new();
    private readonly List<HubConnection> _hubs = [];
    private readonly List<int> _failed = [];
    private readonly List<string> _errors = [];
    private long _received;
    private long _closed;
    private TimeSpan _elapsed;

    public ConnectionHolder(Uri[] nodes, IPAddress[] sources, bool messagePack, bool lean)
    {
        if (lean && !messagePack) throw new ArgumentException("the lean client speaks the MessagePack hub protocol only");
        this.nodes = nodes;
        this.sources = sources;
        this.messagePack = messagePack;
        if (lean) _lean = new LeanFleet(OnMessage);
    }

    private int Held => _lean?.Count ?? _hubs.Count;

    public async Task ConnectAsync(IReadOnlyList<UserAccount> users, int parallelism, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct },
            async (u, token) =>
            {
                // Node by user index, so every room spans every node; source address by the rounds over the nodes.
                var node = nodes[u.Index % nodes.Length];
                var source = sources.Length == 0 ? null : sources[u.Index / nodes.Length % sources.Length];
                try
                {
                    if (_lean is not null)
                    {
                        await _lean.ConnectAsync(node, u.Token!, source, token);
                        return;
                    }
                    var hub = await ParleyHub.ConnectAsync(node, u.Token!, messagePack, source, OnMessage, token);
                    hub.Closed += _ => { Interlocked.Increment(ref _closed); return Task.CompletedTask; };
                    lock (_hubs) _hubs.Add(hub);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    lock (_hubs)
                    {
                        _failed.Add(u.Index);
                        if (_errors.Count < 5) _errors.Add($"{u.Username} via {node.Authority}: {e.GetType().Name}: {e.Message}");
                    }
                }
            });
        _elapsed = started.Elapsed;
    }

    private void OnMessage(string? text)
    {
        Interlocked.Increment(ref _received);
        if (text is not null && MessageBody.ParseTimestamp(text) is var sent and > 0)
            _latency.RecordStopwatchTicks(System.Diagnostics.Stopwatch.GetTimestamp() - sent);
    }

    private void OnMessage(ReadOnlySpan<byte> utf8)
    {
        Interlocked.Increment(ref _received);
        if (MessageBody.ParseTimestamp(utf8) is var sent and > 0)
            _latency.RecordStopwatchTicks(System.Diagnostics.Stopwatch.GetTimestamp() - sent);
    }

    /// <summary>Reports readiness, then answers commands until "quit" or the end of input.</summary>
    public async Task ServeAsync(System.Threading.Channels.ChannelReader<string> input, TextWriter output, CancellationToken ct)
    {
        foreach (var e in _errors) await output.WriteLineAsync(WorkerProtocol.Error + " " + e);
        foreach (var i in _failed) await output.WriteLineAsync(WorkerProtocol.Failed + " " + i.ToString(CultureInfo.InvariantCulture));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{WorkerProtocol.Ready} {Held} {_failed.Count} {_elapsed.TotalSeconds:F3}"));
        await foreach (var line in input.ReadAllAsync(ct))
        {
            if (line == WorkerProtocol.Quit) break;
            if (line != WorkerProtocol.Stats) continue;
            var buckets = string.Join(',', _latency.Buckets().Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Index}:{b.Count}")));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{WorkerProtocol.Stats} {Interlocked.Read(ref _received)} {Interlocked.Read(ref _closed) + (_lean?.Closed ?? 0)} {buckets}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_lean is not null) await _lean.DisposeAsync();
        await Parallel.ForEachAsync(_hubs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (hub, token) =>
        {
            try { await hub.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), token); }
            catch (Exception) { /* tearing down: the server notices either way */ }
        });
        await Console.Out.WriteLineAsync(WorkerProtocol.Bye);
    }
}

/// <summary>The line protocol between `connections` and its workers.</summary>
internal static class WorkerProtocol
{
    /// <summary>Worker → coordinator: "ready CONNECTED FAILED SECONDS", once, after every connect was tried.</summary>
    public const string Ready = "ready";
    /// <summary>Worker → coordinator: "failed USER_INDEX" per user that could not connect (before ready).</summary>
    public const string Failed = "failed";
    /// <summary>Worker → coordinator: "error TEXT", the first few connect errors (before ready).</summary>
    public const string Error = "error";
    /// <summary>Both ways: the request, and "stats RECEIVED CLOSED BUCKET:COUNT,…" (latency histogram buckets).</summary>
    public const string Stats = "stats";
    /// <summary>Coordinator → worker: close every connection and exit (so does the end of input).</summary>
    public const string Quit = "quit";
    /// <summary>Worker → coordinator: the connections are closed.</summary>
    public const string Bye = "bye";
}
