using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>
/// Senders that behave like real clients of a cluster: each message has a clientMsgId; on a dropped connection, a
/// timeout or a retryable status (503, 5xx) the same message is sent again, to the next node. Only a 2xx answer is an
/// acknowledgement.
/// </summary>
public sealed class Senders(string phase = "")
{
    public ConcurrentDictionary<string, MessageDto> Acked { get; } = new();
    private int _attempts;
    private int _retries;
    public int Attempts => _attempts;
    public int Retries => _retries;

    /// <summary>Adds another phase's figures (the restart test runs one phase per restart).</summary>
    public void Add(Senders other)
    {
        foreach (var (id, m) in other.Acked) Acked[id] = m;
        _attempts += other.Attempts;
        _retries += other.Retries;
    }

    public Task RunAsync(IReadOnlyList<ClusterUser> users, Func<IReadOnlyList<ServerProcess>> liveNodes, long room, int perSender, CancellationToken stop) =>
        Task.WhenAll(users.Select((u, s) => Task.Run(async () =>
        {
            var nodeIndex = s;
            for (var i = 0; i < perSender && !stop.IsCancellationRequested; i++)
            {
                var id = $"{phase}u{u.Id}-{i}";
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (true)
                {
                    var nodes = liveNodes();
                    var node = nodes[nodeIndex % nodes.Count];
                    Interlocked.Increment(ref _attempts);
                    try
                    {
                        using var http = u.Http(node);
                        using var res = await http.PostAsJsonAsync($"/api/v1/conversations/{room}/messages", new SendMessageRequest($"m {id}", id, null, null));
                        if (res.IsSuccessStatusCode)
                        {
                            Acked[id] = (await res.Content.ReadFromJsonAsync<MessageDto>(Json.Options))!;
                            break;
                        }
                        if ((int)res.StatusCode is not (>= 500 or (int)HttpStatusCode.TooManyRequests))
                            throw new Xunit.Sdk.XunitException($"send {id} → {(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
                    if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"send {id} never succeeded within 60 s");
                    Interlocked.Increment(ref _retries);
                    nodeIndex++;
                    await Task.Delay(100);
                }
            }
        })));
}

/// <summary>
/// A receiving client: live message.created events from its node; when the node dies it connects to another one; at the
/// end it catches up as the web client does (from its last gap-free seq through /events) and keeps each seq once.
/// </summary>
public sealed class Receiver(ClusterUser user, long room)
{
    private readonly ConcurrentDictionary<long, string> _bySeq = new();
    private int _live;
    private int _duplicateLive;
    private int _resyncs;
    private int _reconnects;
    public int LiveDeliveries => _live;
    public int DuplicateLive => _duplicateLive;
    public int Resyncs => _resyncs;
    public int Reconnects => _reconnects;
    private HubConnection? _hub;

    public async Task ConnectAsync(ServerProcess node)
    {
        var hub = user.Hub(node);
        hub.On<JsonElement>(HubNames.Event, e =>
        {
            var type = e.GetProperty("type").GetString();
            if (type == EventTypes.Resync) Interlocked.Increment(ref _resyncs);
            if (type != EventTypes.MessageCreated || e.GetProperty("conversationId").GetInt64() != room) return;
            Interlocked.Increment(ref _live);
            var data = e.GetProperty("data");
            if (!_bySeq.TryAdd(data.GetProperty("seq").GetInt64(), data.GetProperty("clientMsgId").GetString()!)) Interlocked.Increment(ref _duplicateLive);
        });
        await hub.StartAsync();
        _hub = hub;
    }

    /// <summary>The node is gone: connect to another (what a client behind a load balancer does on its own).</summary>
    public async Task FailOverAsync(ServerProcess node)
    {
        if (_hub is not null) await _hub.DisposeAsync();
        Interlocked.Increment(ref _reconnects);
        await ConnectAsync(node);
    }

    public async Task<IReadOnlyList<(long Seq, string ClientMsgId)>> CatchUpAsync(ServerProcess node)
    {
        long contiguous = 0;
        while (_bySeq.ContainsKey(contiguous + 1)) contiguous++;
        using var http = user.Http(node);
        for (var after = contiguous; ;)
        {
            var page = (await http.GetFromJsonAsync<ListResponse<JsonElement>>($"/api/v1/conversations/{room}/events?afterSeq={after}&limit=500", Json.Options))!.Items;
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                if (e.GetProperty("type").GetString() == EventTypes.MessageCreated)
                    _bySeq.TryAdd(e.GetProperty("seq").GetInt64(), e.GetProperty("data").GetProperty("clientMsgId").GetString()!);
                after = e.GetProperty("seq").GetInt64();
            }
        }
        if (_hub is not null) await _hub.DisposeAsync();
        return _bySeq.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
    }
}
