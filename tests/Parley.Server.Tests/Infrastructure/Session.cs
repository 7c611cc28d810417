using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Contracts;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A signed-in user with an HTTP client and helpers that fail loudly with the server's problem details.</summary>
public sealed class Session(TestServer server, UserDto user, string token)
{
    public UserDto User { get; } = user;
    public long Id => User.Id;
    public string Token { get; } = token;
    public HttpClient Http { get; } = server.Client(token);

    public async Task<T> Ok<T>(Task<HttpResponseMessage> call)
    {
        using var res = await call;
        if (!res.IsSuccessStatusCode)
            throw new Xunit.Sdk.XunitException($"{res.RequestMessage?.Method} {res.RequestMessage?.RequestUri} → {(int)res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return (await res.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    public Task<ConversationDto> CreateAsync(string kind, string? name, params long[] members) =>
        Ok<ConversationDto>(Http.PostAsJsonAsync("/api/v1/conversations", new CreateConversationRequest(kind, name, members, null)));

    public Task<MessageDto> SendAsync(long conversationId, string text, string? clientMsgId = null, long? threadRootId = null, long? quoteId = null) =>
        Ok<MessageDto>(Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new SendMessageRequest(text, clientMsgId, threadRootId, quoteId)));

    public async Task<IReadOnlyList<MessageDto>> MessagesAsync(long conversationId, string query = "") =>
        (await Ok<ListResponse<MessageDto>>(Http.GetAsync($"/api/v1/conversations/{conversationId}/messages{query}"))).Items;

    public async Task<ConversationDto> ConversationAsync(long id) =>
        (await Ok<ListResponse<ConversationDto>>(Http.GetAsync("/api/v1/conversations"))).Items.Single(c => c.Id == id);

    public async Task<(HttpStatusCode Status, string? Code)> StatusAsync(Task<HttpResponseMessage> call)
    {
        using var res = await call;
        string? code = null;
        if (res.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
            code = doc.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        return (res.StatusCode, code);
    }
}

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
