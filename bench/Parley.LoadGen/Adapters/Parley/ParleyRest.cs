using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Contracts;

namespace Parley.LoadGen.Adapters.Parley;

/// <summary>The few REST calls the load generator needs (contract: issue 2, /api/v1, camelCase JSON).</summary>
public sealed class ParleyRest(Uri baseUri, int parallelism) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(parallelism, 4),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = new Uri(baseUri, "/api/v1/"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Creates the first admin, or logs in when setup was already done.</summary>
    public async Task<LoginResponse> EnsureAdminAsync(string username, string password, CancellationToken ct)
    {
        using var setup = await _http.PostAsJsonAsync("setup", new SetupRequest(username, password, "Load generator admin"), Json, ct);
        if (!setup.IsSuccessStatusCode && setup.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest))
            throw await FailAsync(setup, "setup", ct);
        return await LoginAsync(username, password, ct);
    }

    public async Task<LoginResponse> LoginAsync(string username, string password, CancellationToken ct)
    {
        using var res = await _http.PostAsJsonAsync("auth/login", new LoginRequest(username, password), Json, ct);
        if (!res.IsSuccessStatusCode) throw await FailAsync(res, $"login {username}", ct);
        return (await res.Content.ReadFromJsonAsync<LoginResponse>(Json, ct))!;
    }

    /// <summary>Creates a user; an existing one (409) is fine, the caller logs in next.</summary>
    public async Task CreateUserAsync(string adminToken, string username, string password, CancellationToken ct)
    {
        using var req = Request(HttpMethod.Post, "users", adminToken, new CreateUserRequest(username, password, username, false));
        using var res = await _http.SendAsync(req, ct);
        if (!res.IsSuccessStatusCode && res.StatusCode != HttpStatusCode.Conflict) throw await FailAsync(res, $"create user {username}", ct);
    }

    public async Task<ConversationDto> CreateChannelAsync(string adminToken, string name, long[] memberIds, CancellationToken ct)
    {
        using var req = Request(HttpMethod.Post, "conversations", adminToken, new CreateConversationRequest(ConversationKinds.Channel, name, memberIds, null));
        using var res = await _http.SendAsync(req, ct);
        if (!res.IsSuccessStatusCode) throw await FailAsync(res, $"create conversation {name}", ct);
        return (await res.Content.ReadFromJsonAsync<ConversationDto>(Json, ct))!;
    }

    public async Task AddMembersAsync(string adminToken, long conversationId, long[] userIds, CancellationToken ct)
    {
        using var req = Request(HttpMethod.Post, $"conversations/{conversationId}/members", adminToken, new AddMembersRequest(userIds));
        using var res = await _http.SendAsync(req, ct);
        if (!res.IsSuccessStatusCode) throw await FailAsync(res, $"add members to {conversationId}", ct);
    }

    public async Task SendMessageAsync(string token, long conversationId, string text, CancellationToken ct)
    {
        using var req = Request(HttpMethod.Post, $"conversations/{conversationId}/messages", token, new SendMessageRequest(text, Guid.NewGuid().ToString("N"), null, null));
        using var res = await _http.SendAsync(req, ct);
        if (!res.IsSuccessStatusCode) throw await FailAsync(res, $"send to {conversationId}", ct);
    }

    public Task<ProbeReply> LatestPageAsync(string token, long conversationId, int limit, CancellationToken ct) =>
        ProbeAsync($"conversations/{conversationId}/messages?limit={limit}", token, "history", ct);

    public Task<ProbeReply> SearchAsync(string token, string query, CancellationToken ct) =>
        ProbeAsync($"search?q={Uri.EscapeDataString(query)}", token, "search", ct);

    private async Task<ProbeReply> ProbeAsync(string path, string token, string what, CancellationToken ct)
    {
        using var req = Request(HttpMethod.Get, path, token, null);
        using var res = await _http.SendAsync(req, ct);
        if (!res.IsSuccessStatusCode) throw await FailAsync(res, what, ct);
        return new ProbeReply(await CountItemsAsync(res, ct), ServerMs(res));
    }

    /// <summary>The server's own time for the request, from "Server-Timing: app;dur=1.234".</summary>
    private static double? ServerMs(HttpResponseMessage res) =>
        res.Headers.TryGetValues("Server-Timing", out var values) &&
        values.FirstOrDefault(v => v.StartsWith("app;dur=", StringComparison.Ordinal)) is { } v &&
        double.TryParse(v.AsSpan("app;dur=".Length), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? ms : null;

    public void Dispose() => _http.Dispose();

    /// <summary>Counts a list response's items ({"items":[...]} or a bare array) without binding every DTO field.</summary>
    private static async Task<int> CountItemsAsync(HttpResponseMessage res, CancellationToken ct)
    {
        using var doc = await JsonDocument.ParseAsync(await res.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Array) return root.GetArrayLength();
        return root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.GetArrayLength() : 0;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body)
    {
        var req = new HttpRequestMessage(method, path);
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) req.Content = JsonContent.Create(body, body.GetType(), options: Json);
        return req;
    }

    private static async Task<Exception> FailAsync(HttpResponseMessage res, string what, CancellationToken ct)
    {
        string text = await res.Content.ReadAsStringAsync(ct);
        return new HttpRequestException($"{what}: HTTP {(int)res.StatusCode} {text[..Math.Min(text.Length, 300)]}");
    }
}
