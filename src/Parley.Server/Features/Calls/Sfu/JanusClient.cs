using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Parley.Server.Features.Calls.Sfu;

/// <summary>A Janus error: <see cref="Code"/> is Janus's own (e.g. 426 no such room, 433 unauthorized, 458 no such session).</summary>
public sealed class JanusException(int code, string message) : Exception($"Janus error {code}: {message}")
{
    public int Code { get; } = code;
}

/// <summary>
/// Parley's side of Janus's plain HTTP API (janus.transport.http): one session with one video-room plugin handle, kept
/// alive by a keepalive every <see cref="KeepaliveInterval"/> (Janus drops idle sessions after its session_timeout,
/// 60 s by default) and opened again when Janus answers that it forgot it (458/459, e.g. after a Janus restart).
/// Only the synchronous video-room requests (create, allowed, kick, destroy, list, exists, listparticipants) are
/// used, so no long poll for events is needed.
/// </summary>
public sealed class JanusClient(IHttpClientFactory httpFactory, IOptions<JanusOptions> options, ILogger<JanusClient> logger) : IAsyncDisposable
{
    public const string HttpClientName = "janus";
    public static readonly TimeSpan KeepaliveInterval = TimeSpan.FromSeconds(25);
    private const int NoSuchSession = 458, NoSuchHandle = 459;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private (long Session, long Handle)? _handle;
    private Task? _keepalive;

    private string BaseUrl => options.Value.Url!.TrimEnd('/');

    /// <summary>Sends one synchronous video-room request; returns the plugin's answer, or throws <see cref="JanusException"/>.</summary>
    public async Task<JsonElement> VideoRoomAsync(JsonObject body, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (session, handle) = await HandleAsync(ct);
            try
            {
                var answer = await PostAsync($"{BaseUrl}/{session}/{handle}", new JsonObject { ["janus"] = "message", ["body"] = body }, ct);
                var data = answer.GetProperty("plugindata").GetProperty("data");
                if (data.TryGetProperty("error_code", out var code))
                    throw new JanusException(code.GetInt32(), data.TryGetProperty("error", out var e) ? e.GetString() ?? "" : "");
                return data;
            }
            catch (JanusException ex) when (ex.Code is NoSuchSession or NoSuchHandle && attempt == 0)
            {
                Forget(session);
            }
        }
    }

    private async Task<(long Session, long Handle)> HandleAsync(CancellationToken ct)
    {
        if (_handle is { } open) return open;
        await _gate.WaitAsync(ct);
        try
        {
            if (_handle is { } raced) return raced;
            var session = (await PostAsync(BaseUrl, new JsonObject { ["janus"] = "create" }, ct)).GetProperty("data").GetProperty("id").GetInt64();
            var attach = new JsonObject { ["janus"] = "attach", ["plugin"] = "janus.plugin.videoroom" };
            var handle = (await PostAsync($"{BaseUrl}/{session}", attach, ct)).GetProperty("data").GetProperty("id").GetInt64();
            JanusLog.SessionOpened(logger, session);
            _handle = (session, handle);
            _keepalive ??= KeepaliveAsync(_stopping.Token);
            return (session, handle);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Forget(long session)
    {
        if (_handle is { } open && open.Session == session) _handle = null;
    }

    private async Task KeepaliveAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(KeepaliveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                if (_handle is not { } open) continue;
                try
                {
                    await PostAsync($"{BaseUrl}/{open.Session}", new JsonObject { ["janus"] = "keepalive" }, stopping);
                }
                catch (Exception ex) when (ex is HttpRequestException or JanusException or JsonException or TaskCanceledException && !stopping.IsCancellationRequested)
                {
                    JanusLog.RequestFailed(logger, "keepalive", ex.Message);
                    Forget(open.Session); // the next request opens a new session
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task<JsonElement> PostAsync(string url, JsonObject request, CancellationToken ct)
    {
        request["transaction"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        using var http = httpFactory.CreateClient(HttpClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        using var response = await http.PostAsJsonAsync(url, request, timeout.Token);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        var kind = answer.GetProperty("janus").GetString();
        if (kind == "error")
        {
            var error = answer.GetProperty("error");
            throw new JanusException(error.GetProperty("code").GetInt32(), error.GetProperty("reason").GetString() ?? "");
        }
        return answer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_keepalive is not null) await _keepalive;
        _stopping.Dispose();
        _gate.Dispose();
    }
}
