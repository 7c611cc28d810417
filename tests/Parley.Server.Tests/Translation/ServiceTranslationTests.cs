using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;
using static Parley.Server.Tests.Service.ServiceFixture;

namespace Parley.Server.Tests.Translation;

/// <summary>
/// Issue 18, translation in the agent workspace: the agent holding a service conversation joins it as a plain member,
/// yet switches its auto-translation from the service panel (the visitor writes English, the agent reads Chinese).
/// Only while they hold it; other agents, the visitor and strangers may not.
/// </summary>
public sealed class ServiceTranslationTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Service:SessionsPerMinutePerAddress"] = "1000", // every test calls from 127.0.0.1
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Task<HttpResponseMessage> Switch(HttpClient http, long conversationId, bool on) =>
        http.PutAsJsonAsync($"/api/v1/conversations/{conversationId}/translation", new ConversationTranslationDto(on));

    [Fact]
    public async Task SetConversationAuto_AgentHoldingServiceConversation_SwitchesIt_OthersMayNot()
    {
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var bob = await AgentAsync(_server, queue.Id);
        var widget = await WidgetAsync(_server, queue.Id);
        var visit = await VisitAsync(_server, widget.Id);
        var id = visit.ConversationId;

        Assert.True((await Switch(ann.Http, id, true)).StatusCode == HttpStatusCode.NotFound,
            "an agent who has not accepted the conversation is not in it: it must not learn it exists");
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsync($"/api/v1/service/conversations/{id}/accept", null));

        var on = await ann.Ok<ConversationTranslationDto>(Switch(ann.Http, id, true));
        Assert.True(on.AutoTranslate, "the agent holding the conversation should switch its auto-translation on");
        var read = await ann.Ok<ConversationTranslationDto>(ann.Http.GetAsync($"/api/v1/conversations/{id}/translation"));
        Assert.True(read.AutoTranslate, "the switch should be stored for the conversation's members");

        using var visitor = _server.Client(visit.Token);
        Assert.True((await Switch(visitor, id, false)).StatusCode == HttpStatusCode.Forbidden, "the visitor does not switch the conversation's translation");
        Assert.True((await Switch(bob.Http, id, false)).StatusCode == HttpStatusCode.NotFound, "another agent of the queue is not a member of the chat");

        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{id}/close", new CloseServiceConversationRequest(null)));
        Assert.True((await Switch(ann.Http, id, false)).StatusCode == HttpStatusCode.Forbidden,
            "once closed, the conversation is no longer held: the agent is a plain member again");
    }
}
