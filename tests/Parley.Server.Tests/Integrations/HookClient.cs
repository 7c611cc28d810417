using System.Net.Http.Json;
using System.Text;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>Creating incoming webhooks and posting to them as an integration would (no bearer token).</summary>
public static class HookClient
{
    public static Task<CreatedIncomingWebhookDto> CreateHookAsync(this Session s, long conversationId, string name = "Alerts", string? actionUrl = null) =>
        s.Ok<CreatedIncomingWebhookDto>(s.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/incoming-webhooks", new CreateIncomingWebhookRequest(name, actionUrl)));

    public static async Task<HttpResponseMessage> PostJson(this TestServer server, string url, string json)
    {
        using var http = new HttpClient();
        return await http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
    }

    /// <summary>A card compared by value (records holding lists compare them by reference).</summary>
    public static string Shape(CardDto? card) => System.Text.Json.JsonSerializer.Serialize(card);

    public static async Task<(int Status, string Body)> Post(TestServer server, string url, HttpContent content)
    {
        using var http = new HttpClient();
        using var res = await http.PostAsync(url, content);
        return ((int)res.StatusCode, await res.Content.ReadAsStringAsync());
    }

    /// <summary>The conversation's newest message, as a member reads it.</summary>
    public static async Task<MessageDto> LatestAsync(this Session s, long conversationId) => (await s.MessagesAsync(conversationId))[^1];
}
