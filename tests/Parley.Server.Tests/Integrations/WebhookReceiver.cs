using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>The Node receiver (tests/webhook-receiver) on a loopback port, stopped by PID: outgoing webhooks and slash commands.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, string? WebhookId, string? Timestamp, bool Verified, int Answered, JsonElement? Payload)
    {
        public string? Type => Payload?.GetProperty("type").GetString();
        public JsonElement Data => Payload!.Value.GetProperty("data");
    }

    private Process? _process;
    private readonly HttpClient _control = new();
    public int Port { get; } = Ports.Free();

    public async Task StartAsync()
    {
        var folder = NodeTools.Folder("webhook-receiver");
        await NodeTools.InstallAsync(folder, "standardwebhooks");
        _process = await NodeTools.StartAsync(folder, "webhook receiver", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _control.BaseAddress = new Uri($"http://127.0.0.1:{Port}");
    }

    /// <summary>The receiver's URL by name: "localhost" is what AllowedHosts lets through.</summary>
    public string Url(string path = "/hook") => $"http://localhost:{Port}{path}";

    public async Task AddSecretAsync(string secret) => (await _control.PostAsJsonAsync("/control/secret", new { secret })).EnsureSuccessStatusCode();
    /// <summary>How POST /command answers: a status, a JSON body (null: empty) after a delay.</summary>
    public async Task CommandAnswerAsync(object? body, int delayMs = 0, int status = 200) => (await _control.PostAsJsonAsync("/control/command", new { status, body, delayMs })).EnsureSuccessStatusCode();
    public async Task FailingAsync(bool failing) => (await _control.PostAsJsonAsync("/control/failing", new { failing })).EnsureSuccessStatusCode();
    public async Task<List<Received>> ReceivedAsync() => (await _control.GetFromJsonAsync<List<Received>>("/control/deliveries", Json.Options))!;

    public async ValueTask DisposeAsync()
    {
        await NodeTools.StopAsync(_process);
        _control.Dispose();
    }
}

