using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Knowledge;
using static Parley.Server.Tests.Service.ServiceFixture;

namespace Parley.Server.Tests.Service;

/// <summary>
/// CONTRACT test (the language model is <see cref="OpenAiRecordingServer"/>, a recording stand-in: no model can be
/// installed here) of issue 18's "suggest replies for agents": agents join a service conversation as plain members, yet
/// the agent holding it may allow the assistant there and ask for reply suggestions from the workspace. Only while
/// holding it; another agent of the queue is no member (404), and the visitor may not decide for the company.
/// </summary>
public sealed class ServiceAssistantContractTests : IAsyncLifetime
{
    private OpenAiRecordingServer _llm = null!;
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _llm = await OpenAiRecordingServer.StartAsync();
        _server = await TestServer.StartAsync(_llm.ProviderSettings(
            ("Parley:Ai:Assistant:Enabled", "true"),
            ("Parley:Service:SessionsPerMinutePerAddress", "1000"))); // every test calls from 127.0.0.1
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private static Task<HttpResponseMessage> Consent(HttpClient http, long id, bool on) =>
        http.PutAsJsonAsync($"/api/v1/conversations/{id}/assistant", new SetAssistantConsentRequest(on));

    [Fact]
    public async Task ReplySuggestions_AgentHoldingServiceConversation_AllowsAndGetsThem_OthersMayNot()
    {
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var bob = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        var visit = await VisitAsync(_server, widget.Id);
        var id = visit.ConversationId;
        using var visitor = _server.Client(visit.Token);
        (await visitor.PostAsync($"/api/v1/service/conversations/{id}/handoff", null)).EnsureSuccessStatusCode();
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsync($"/api/v1/service/conversations/{id}/accept", null));
        (await visitor.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new SendMessageRequest("Where is my parcel 4471?", null, null, null)))
            .EnsureSuccessStatusCode();

        Assert.Equal(new AssistantStateDto(true, false, true), await ann.Ok<AssistantStateDto>(ann.Http.GetAsync($"/api/v1/conversations/{id}/assistant")));
        Assert.True((await Consent(visitor, id, true)).StatusCode == HttpStatusCode.Forbidden, "the visitor does not decide where the company's assistant runs");
        Assert.True((await Consent(bob.Http, id, true)).StatusCode == HttpStatusCode.NotFound, "another agent of the queue is not in the chat: it must not learn it exists");
        await ann.Ok<AssistantStateDto>(Consent(ann.Http, id, true));

        var before = _llm.Requests.Count;
        _llm.Reply = "Let me look up parcel 4471 for you.\nCould you confirm your postcode?";
        var s = await ann.Ok<ReplySuggestionsDto>(ann.Http.PostAsJsonAsync($"/api/v1/conversations/{id}/reply-suggestions", new ReplySuggestionsRequest(2)));
        Assert.Equal(["Let me look up parcel 4471 for you.", "Could you confirm your postcode?"], s.Suggestions);
        Assert.Equal(before + 1, _llm.Requests.Count);
        Assert.Contains("Where is my parcel 4471?", _llm.Requests.Last().AllContent, StringComparison.Ordinal);

        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{id}/close", new CloseServiceConversationRequest(null)));
        Assert.True((await Consent(ann.Http, id, false)).StatusCode == HttpStatusCode.Forbidden,
            "once closed, the conversation is no longer held: the agent is a plain member again");
    }
}
