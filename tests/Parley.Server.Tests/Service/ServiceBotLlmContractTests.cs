using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Knowledge;
using static Parley.Server.Tests.Service.ServiceFixture;

namespace Parley.Server.Tests.Service;

/// <summary>
/// CONTRACT test of the AI first line with a language model, not a quality test: no model can run here, so the
/// provider is <see cref="OpenAiRecordingServer"/>, which records the request and streams a scripted answer. It checks
/// that the widget's bot posts the generated answer with the cited article's title, and that the next question carries
/// the chat so far (the visitor's turns as user messages, the bot's as assistant messages).
/// </summary>
public sealed class ServiceBotLlmContractTests : IAsyncLifetime
{
    private OpenAiRecordingServer _llm = null!;
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _llm = await OpenAiRecordingServer.StartAsync();
        _server = await TestServer.StartAsync(_llm.ProviderSettings());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _llm.DisposeAsync();
    }

    [Fact]
    public async Task VisitorQuestions_GeneratedAnswerWithSource_NextRequestCarriesTheChat()
    {
        await KnowledgeSeed.WriteAsync(await _server.AdminAsync());
        var queue = await QueueAsync(_server);
        var widget = await WidgetAsync(_server, queue.Id);
        var visit = await VisitAsync(_server, widget.Id, "Ann");
        using var visitor = _server.Client(visit.Token);
        var id = visit.ConversationId;
        _llm.Reply = "Orders leave the warehouse within 2 business days [1].";

        await visitor.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new SendMessageRequest("How long does shipping take?", null, null, null));
        var first = await BotMessagesAsync(visitor, id, widget.BotUserId, 1);
        Assert.Equal("Orders leave the warehouse within 2 business days [1].\n\nSources: Shipping times and parcel tracking", first[0].Text);

        _llm.Reply = "International delivery takes 7–14 days [1].";
        await visitor.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new SendMessageRequest("How long does international delivery take?", null, null, null));
        await BotMessagesAsync(visitor, id, widget.BotUserId, 2);
        var second = _llm.Requests.Last().Body.GetProperty("messages").EnumerateArray()
            .Select(m => (Role: m.GetProperty("role").GetString(), Content: m.GetProperty("content").ToString())).ToList();
        Assert.Contains(("user", "How long does shipping take?"), second);
        Assert.Contains(second, m => m.Role == "assistant" && m.Content.StartsWith("Orders leave the warehouse", StringComparison.Ordinal));
        Assert.Equal(("user", "How long does international delivery take?"), second[^1]);
    }

    private static async Task<IReadOnlyList<MessageDto>> BotMessagesAsync(HttpClient visitor, long id, long botUserId, int count)
    {
        for (var i = 0; i < 100; i++)
        {
            var bot = (await visitor.GetFromJsonAsync<ListResponse<MessageDto>>($"/api/v1/conversations/{id}/messages", Json.Options))!.Items
                .Where(m => m.SenderId == botUserId).ToList();
            if (bot.Count >= count) return bot;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"the bot posted fewer than {count} answers");
    }
}
