using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>CONTRACT test (recording stand-in, see <see cref="OpenAiRecordingServer"/>): with the provider enabled but the assistant off (the default), nothing is sent even with consent.</summary>
public class AssistantDisabledTests : IAsyncLifetime
{
    private OpenAiRecordingServer _llm = null!;
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _llm = await OpenAiRecordingServer.StartAsync();
        _server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Ai:Enabled"] = "true", ["Parley:Ai:Endpoint"] = _llm.Endpoint, ["Parley:Ai:Model"] = "contract-model",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _llm.DisposeAsync();
    }

    [Fact]
    public async Task Summarize_AssistantNotEnabled_ConflictAiDisabled_NothingSent()
    {
        var owner = await _server.UserAsync();
        var g = await owner.CreateAsync(ConversationKinds.Group, "team");
        await owner.SendAsync(g.Id, "Quarterly numbers are in");
        var state = await owner.Ok<AssistantStateDto>(owner.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/assistant", new SetAssistantConsentRequest(true)));
        Assert.False(state.Available, "the assistant is off by default");
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.AiDisabled),
            await owner.StatusAsync(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/summaries", new SummarizeRequest("recent", null))));
        Assert.True(_llm.Requests.IsEmpty, "the assistant is off: nothing may be sent");
    }
}
