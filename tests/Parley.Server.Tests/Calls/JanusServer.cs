using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// A real Janus (Debian's janus 1.1.x) for one test: a configuration folder written by scripts/janus-config.sh (only
/// the video-room plugin and the HTTP transport, an admin_key on room creation), its HTTP API on a loopback port,
/// started and stopped by PID. No media flows here, so loopback is enough (ICE needs the network namespace of the
/// browser tests). <see cref="JoinAsync"/> joins a room the way a browser would, over the same public API.
/// </summary>
public sealed class JanusServer : IAsyncDisposable
{
    public const string AdminKey = "parley-test-admin-key";

    private readonly Process _process;
    private readonly string _dir;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private JanusServer(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Url = $"http://127.0.0.1:{port}/janus";
    }

    public string Url { get; }

    public Dictionary<string, string?> Settings() => new()
    {
        ["Parley:Calls:Janus:Url"] = Url,
        ["Parley:Calls:Janus:AdminKey"] = AdminKey,
        ["Parley:Calls:Janus:ClientUrl"] = "https://sfu.example.test/janus",
    };

    public static async Task<JanusServer> StartAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "parley-janus", Guid.NewGuid().ToString("N"));
            var port = Ports.Free();
            await RunAsync("bash", Path.Combine(Repository.Root(), "scripts", "janus-config.sh"), dir, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), AdminKey);
            var process = Process.Start(new ProcessStartInfo("janus", [$"--configs-folder={dir}", $"--config={dir}/janus.jcfg", "--disable-colors"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var janus = new JanusServer(process, dir, port);
            if (await janus.AnswersAsync()) return janus;
            await janus.DisposeAsync();
            if (attempt == 2) throw new InvalidOperationException("Janus did not start (is Debian's janus package installed? scripts/test.sh installs it)");
        }
    }

    private async Task<bool> AnswersAsync()
    {
        for (var i = 0; i < 100 && !_process.HasExited; i++)
        {
            try
            {
                await PostAsync(Url, new JsonObject { ["janus"] = "info" });
                return true;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        return false;
    }

    /// <summary>A video-room request on a fresh handle, as any client of Janus's public API may send it.</summary>
    public async Task<JsonElement> VideoRoomAsync(JsonObject body)
    {
        var (session, handle) = await AttachAsync();
        var answer = await PostAsync($"{Url}/{session}/{handle}", new JsonObject { ["janus"] = "message", ["body"] = body });
        return answer.GetProperty("plugindata").GetProperty("data");
    }

    /// <summary>Joins a room as a publisher (no media) the way a browser does; returns Janus's event: <c>joined</c> or an error.</summary>
    public async Task<JsonElement> JoinAsync(long room, string? token, long userId)
    {
        var (session, handle) = await AttachAsync();
        var join = new JsonObject { ["request"] = "join", ["ptype"] = "publisher", ["room"] = room, ["display"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (token is not null) join["token"] = token;
        var transaction = Guid.NewGuid().ToString("N");
        await PostAsync($"{Url}/{session}/{handle}", new JsonObject { ["janus"] = "message", ["transaction"] = transaction, ["body"] = join });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var poll = await _http.GetAsync($"{Url}/{session}?maxev=10");
            var events = await poll.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var e in events.ValueKind == JsonValueKind.Array ? events.EnumerateArray().ToArray() : [events])
            {
                if (e.TryGetProperty("transaction", out var t) && t.GetString() == transaction && e.TryGetProperty("plugindata", out var data))
                    return data.GetProperty("data");
            }
        }
        throw new TimeoutException("Janus sent no answer to the join within 10 s");
    }

    private async Task<(long Session, long Handle)> AttachAsync()
    {
        var session = (await PostAsync(Url, new JsonObject { ["janus"] = "create" })).GetProperty("data").GetProperty("id").GetInt64();
        var handle = (await PostAsync($"{Url}/{session}", new JsonObject { ["janus"] = "attach", ["plugin"] = "janus.plugin.videoroom" }))
            .GetProperty("data").GetProperty("id").GetInt64();
        return (session, handle);
    }

    private async Task<JsonElement> PostAsync(string url, JsonObject body)
    {
        body["transaction"] ??= Guid.NewGuid().ToString("N");
        using var response = await _http.PostAsJsonAsync(url, body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        var error = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await error}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await ServiceProcesses.StopAsync(_process, _dir);
    }
}
