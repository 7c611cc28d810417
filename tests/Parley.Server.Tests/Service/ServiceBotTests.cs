using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Knowledge;
using static Parley.Server.Tests.Service.ServiceFixture;

namespace Parley.Server.Tests.Service;

/// <summary>
/// The AI first line (issue 18) for real: retrieval answering from a seeded knowledge base (no model is configured, so
/// nothing leaves the server), posted by the widget's service bot with its source, then the hand-off to the queue on
/// "人工", on the widget's button, on low confidence and after N answered turns, each with the localized notice.
/// </summary>
public sealed class ServiceBotTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private ServiceQueueDto _queue = null!;
    private Session _agent = null!;
    private ServiceWidgetDto _widget = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Ai:Knowledge:HandOffAfterTurns"] = "2",
            ["Parley:Service:SessionsPerMinutePerAddress"] = "1000",
        });
        await KnowledgeSeed.WriteAsync(await _server.AdminAsync());
        _queue = await QueueAsync(_server);
        _agent = await AgentAsync(_server, _queue.Id);
        _widget = await WidgetAsync(_server, _queue.Id);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The conversation's messages once one matches (the bot answers from a subscriber, moments after the question).</summary>
    private static async Task<IReadOnlyList<MessageDto>> WaitForAsync(HttpClient visitor, long conversationId, Func<MessageDto, bool> match, string what)
    {
        IReadOnlyList<MessageDto> messages = [];
        for (var i = 0; i < 100; i++)
        {
            messages = (await visitor.GetFromJsonAsync<ListResponse<MessageDto>>($"/api/v1/conversations/{conversationId}/messages", Json.Options))!.Items;
            if (messages.Any(match)) return messages;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{what} never came; the conversation holds: {string.Join(" | ", messages.Select(m => m.Text))}");
    }

    private static async Task<string> StateAsync(HttpClient visitor, long id) =>
        (await visitor.GetFromJsonAsync<ServiceVisitorStateDto>($"/api/v1/service/conversations/{id}/visitor-state", Json.Options))!.State;

    [Fact]
    public async Task VisitorQuestion_KnowledgeBaseAnswers_ThenRenGongHandsOffToTheQueue()
    {
        var visit = await VisitAsync(_server, _widget.Id, "访客");
        Assert.Equal(ServiceStates.Bot, visit.State);
        using var visitor = _server.Client(visit.Token);
        var id = visit.ConversationId;

        await visitor.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new SendMessageRequest("我忘记登录密码了，怎么重置？", null, null, null));
        var messages = await WaitForAsync(visitor, id, m => m.SenderId == _widget.BotUserId, "the bot's answer");
        var answer = messages.Single(m => m.SenderId == _widget.BotUserId);
        Assert.Contains("忘记密码", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith("参考：重置登录密码", answer.Text, StringComparison.Ordinal);
        Assert.Equal(ServiceStates.Bot, await StateAsync(visitor, id));

        await visitor.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new SendMessageRequest("转人工", null, null, null));
        await WaitForAsync(visitor, id, m => m.Text == "正在为您转接人工客服…", "the hand-off notice in Chinese");
        Assert.Equal(ServiceStates.Waiting, await StateAsync(visitor, id));
        var waiting = await ConversationAsync(_agent, id);
        Assert.Equal(_agent.Id, waiting.OfferedTo);

        await _agent.Ok<ServiceConversationDto>(_agent.Http.PostAsync($"/api/v1/service/conversations/{id}/accept", null));
        await WaitForAsync(visitor, id, m => m.Text == $"客服 {_agent.User.DisplayName} 已接入", "the agent-joined notice in the visitor's language");
        // With a person in the chat the bot stays quiet, even for a question it could answer.
        await visitor.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new SendMessageRequest("退款多久到账？", null, null, null));
        await _agent.SendAsync(id, "我来帮您查一下");
        await Task.Delay(1500);
        var after = await _agent.MessagesAsync(id);
        Assert.Equal(3, after.Count(m => m.SenderId == _widget.BotUserId)); // answer, hand-off notice, joined notice
    }

    [Fact]
    public async Task HandoffButton_And_LowConfidence_GoToTheQueue_WithTheEnglishNotice()
    {
        var byButton = await VisitAsync(_server, _widget.Id);
        using var first = _server.Client(byButton.Token);
        var handoff = await first.PostAsync($"/api/v1/service/conversations/{byButton.ConversationId}/handoff", null);
        Assert.Equal(ServiceStates.Waiting, (await handoff.Content.ReadFromJsonAsync<ServiceHandoffDto>(Json.Options))!.State);
        await WaitForAsync(first, byButton.ConversationId, m => m.Text == "Connecting you to an agent…", "the English hand-off notice");

        var unknown = await VisitAsync(_server, _widget.Id);
        using var second = _server.Client(unknown.Token);
        await second.PostAsJsonAsync($"/api/v1/conversations/{unknown.ConversationId}/messages", new SendMessageRequest("Do you sell purple giraffe costumes?", null, null, null));
        await WaitForAsync(second, unknown.ConversationId, m => m.Text == "Connecting you to an agent…", "the hand-off for a question the base does not answer");
        Assert.Equal(ServiceStates.Waiting, await StateAsync(second, unknown.ConversationId));
    }

    [Fact]
    public async Task AfterTwoAnsweredTurns_TheThirdQuestionHandsOff()
    {
        var visit = await VisitAsync(_server, _widget.Id);
        using var visitor = _server.Client(visit.Token);
        var id = visit.ConversationId;
        var questions = new[] { "How long does shipping take?", "How do I get a refund for my annual plan?", "Which browsers are supported?" };
        for (var i = 0; i < questions.Length; i++)
        {
            await visitor.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new SendMessageRequest(questions[i], null, null, null));
            var messages = await WaitForAsyncCount(visitor, id, i + 1);
            if (i < 2) Assert.Contains("Sources: ", messages.Last(m => m.SenderId == _widget.BotUserId).Text, StringComparison.Ordinal);
        }
        var all = await WaitForAsync(visitor, id, m => m.Text == "Connecting you to an agent…", "the hand-off after Parley:Ai:Knowledge:HandOffAfterTurns=2 answered turns");
        Assert.Equal(3, all.Count(m => m.SenderId == _widget.BotUserId));
        Assert.Equal(ServiceStates.Waiting, await StateAsync(visitor, id));
    }

    private async Task<IReadOnlyList<MessageDto>> WaitForAsyncCount(HttpClient visitor, long id, int botMessages)
    {
        for (var i = 0; i < 100; i++)
        {
            var messages = (await visitor.GetFromJsonAsync<ListResponse<MessageDto>>($"/api/v1/conversations/{id}/messages", Json.Options))!.Items;
            if (messages.Count(m => m.SenderId == _widget.BotUserId) >= botMessages) return messages;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"the bot did not answer question {botMessages}");
    }
}
