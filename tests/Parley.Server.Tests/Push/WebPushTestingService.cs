using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Push;

/// <summary>
/// A real Web Push service for the push tests: web-push-testing 1.2.2 (MIT) from tests/push, on a loopback port. It
/// checks the VAPID signature against the key a subscription was made with and decrypts aes128gcm payloads, so what
/// <see cref="NotificationsAsync"/> returns is what a browser would have shown. Installed with npm ci when missing,
/// stopped by its PID.
/// </summary>
public sealed class WebPushTestingService : IAsyncLifetime
{
    private Process? _process;
    private readonly HttpClient _http = new();
    public Uri BaseAddress { get; private set; } = null!;

    public sealed record Subscription(string Endpoint, PushKeysDto Keys, string ClientHash)
    {
        public PushSubscriptionRequest Request(string? language = null) => new(Endpoint, null, Keys, language);
    }

    public async Task InitializeAsync()
    {
        var folder = NodeTools.Folder("push");
        await NodeTools.InstallAsync(folder, "web-push-testing");
        var port = Ports.Free();
        _process = await NodeTools.StartAsync(folder, "web-push-testing", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>What a browser's pushManager.subscribe does. userVisibleOnly must be the string "true": a JSON boolean is refused.</summary>
    public async Task<Subscription> SubscribeAsync(string applicationServerKey)
    {
        using var res = await _http.PostAsJsonAsync(new Uri(BaseAddress, "/subscribe"), new { userVisibleOnly = "true", applicationServerKey });
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.IsSuccessStatusCode, "subscribe: " + body);
        var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
        var keys = data.GetProperty("keys");
        return new Subscription(data.GetProperty("endpoint").GetString()!,
            new PushKeysDto(keys.GetProperty("p256dh").GetString(), keys.GetProperty("auth").GetString()),
            data.GetProperty("clientHash").GetString()!);
    }

    /// <summary>The decrypted payloads delivered to the subscription so far, oldest first.</summary>
    public async Task<IReadOnlyList<PushPayload>> NotificationsAsync(Subscription s)
    {
        using var res = await _http.PostAsJsonAsync(new Uri(BaseAddress, "/get-notifications"), new { clientHash = s.ClientHash });
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.IsSuccessStatusCode, "get-notifications: " + body);
        return JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("messages").EnumerateArray()
            .Select(m => JsonSerializer.Deserialize<PushPayload>(m.GetString()!, Json.Options)!)
            .ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> payloads arrived (the durable subscriber sends them shortly after the commit).</summary>
    public async Task<IReadOnlyList<PushPayload>> WaitForAsync(Subscription s, int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var got = await NotificationsAsync(s);
            if (got.Count >= count || DateTime.UtcNow > until) return got;
            await Task.Delay(100);
        }
    }

    /// <summary>The browser unsubscribed: the push service answers 410 Gone from now on.</summary>
    public async Task ExpireAsync(Subscription s)
    {
        using var res = await _http.PostAsync(new Uri(BaseAddress, "/expire-subscription/" + s.ClientHash), null);
        Assert.True(res.IsSuccessStatusCode, "expire-subscription: " + await res.Content.ReadAsStringAsync());
    }

    /// <summary>Server settings that let Parley accept this service's http://localhost endpoints.</summary>
    public static Dictionary<string, string?> ServerSettings(string preview = PushPreviews.Full) => new()
    {
        ["Parley:Push:AllowInsecureEndpoints"] = "true",
        ["Parley:Push:AllowedEndpointHosts:0"] = "localhost",
        ["Parley:Push:Preview"] = preview,
    };

    public async Task DisposeAsync()
    {
        await NodeTools.StopAsync(_process);
        _http.Dispose();
    }
}
