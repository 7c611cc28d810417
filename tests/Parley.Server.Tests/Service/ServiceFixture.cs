using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Service;

/// <summary>Set-up steps the customer-service tests share: a queue with agents, a widget, a visitor's session.</summary>
public static class ServiceFixture
{
    public static async Task<ServiceQueueDto> QueueAsync(TestServer server, string routing = ServiceRouting.RoundRobin, string name = "Support")
    {
        var admin = await server.AdminAsync();
        return await admin.Ok<ServiceQueueDto>(admin.Http.PostAsJsonAsync("/api/v1/service/queues", new CreateServiceQueueRequest(name, routing)));
    }

    /// <summary>A new user with the service_agent role, an agent of the queue with this capacity.</summary>
    public static async Task<Session> AgentAsync(TestServer server, long queueId, int capacity = 3, string? name = null)
    {
        var agent = await server.UserAsync(name, Roles.ServiceAgent);
        var admin = await server.AdminAsync();
        await admin.Ok<ServiceQueueDto>(admin.Http.PutAsJsonAsync($"/api/v1/service/queues/{queueId}/agents/{agent.Id}", new SetServiceAgentRequest(capacity)));
        return agent;
    }

    public static async Task<ServiceWidgetDto> WidgetAsync(TestServer server, long? queueId, params string[] origins)
    {
        var admin = await server.AdminAsync();
        return await admin.Ok<ServiceWidgetDto>(admin.Http.PostAsJsonAsync("/api/v1/service/widgets",
            new SaveServiceWidgetRequest("Shop " + Guid.NewGuid().ToString("N")[..6], queueId, "#1677ff", "Hello!", "您好！", null, origins)));
    }

    public static async Task<VisitorSessionDto> VisitAsync(TestServer server, long widgetId, string? name = null, string? origin = null, string? identityToken = null,
        string? language = null)
    {
        using var anon = server.Client();
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/visitor/sessions")
        {
            Content = JsonContent.Create(new CreateVisitorSessionRequest(widgetId, name, null, identityToken, "https://shop.example.com/pricing", "https://search.example.net/")),
        };
        if (origin is not null) req.Headers.Add("Origin", origin);
        if (language is not null) req.Headers.Add("Accept-Language", language);
        using var res = await anon.SendAsync(req);
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.Created, $"the visitor session was refused: {(int)res.StatusCode} {body}");
        return System.Text.Json.JsonSerializer.Deserialize<VisitorSessionDto>(body, Json.Options)!;
    }

    public static async Task<ServiceConversationDto> ConversationAsync(Session agent, long id) =>
        await agent.Ok<ServiceConversationDto>(agent.Http.GetAsync($"/api/v1/service/conversations/{id}"));
}
