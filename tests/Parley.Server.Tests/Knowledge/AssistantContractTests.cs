using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>
/// CONTRACT tests of the assistant (summaries, reply suggestions) against <see cref="OpenAiRecordingServer"/>, a
/// recording stand-in for an OpenAI-compatible server (no model can be installed here; these check what is sent and
/// when, not how good a summary is). Members only; nothing is sent before an administrator enabled the assistant and
/// an owner or admin of the conversation consented; only the messages the request covers are sent.
/// </summary>
public class AssistantContractTests : IAsyncLifetime
{
    private OpenAiRecordingServer _llm = null!;
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _llm = await OpenAiRecordingServer.StartAsync();
        _server = await TestServer.StartAsync(_llm.ProviderSettings(("Parley:Ai:Assistant:Enabled", "true")));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _llm.DisposeAsync();
    }

    [Fact]
    public async Task Summarize_Unread_AfterConsent_SendsOnlyTheUnreadMessages_AndMetersTheConversation()
    {
        var owner = await _server.UserAsync();
        var member = await _server.UserAsync();
        var g = await owner.CreateAsync(ConversationKinds.Group, "launch", member.Id);
        await owner.SendAsync(g.Id, "Old news the member already read");
        var read = await owner.SendAsync(g.Id, "Also read already");
        (await member.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/read", new MarkReadRequest(read.Seq))).EnsureSuccessStatusCode();
        await owner.SendAsync(g.Id, "We ship the release on Friday");
        await owner.SendAsync(g.Id, "Member, please write the release notes");

        // Before consent: a conflict with its code, and nothing leaves the server.
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.AssistantConsentRequired),
            await member.StatusAsync(member.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/summaries", new SummarizeRequest(null, null))));
        Assert.True(_llm.Requests.IsEmpty, "nothing may be sent before the conversation consented");
        // Only an owner or admin may consent.
        Assert.Equal(HttpStatusCode.Forbidden, (await member.StatusAsync(member.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/assistant", new SetAssistantConsentRequest(true)))).Status);
        var state = await owner.Ok<AssistantStateDto>(owner.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/assistant", new SetAssistantConsentRequest(true)));
        Assert.Equal(new AssistantStateDto(true, true, true), state);
        Assert.Equal(new AssistantStateDto(true, true, false), await member.Ok<AssistantStateDto>(member.Http.GetAsync($"/api/v1/conversations/{g.Id}/assistant")));

        _llm.Reply = "- Release on Friday\n- The member writes the release notes";
        _llm.Usage = (200, 20);
        var summary = await member.Ok<ConversationSummaryDto>(member.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/summaries", new SummarizeRequest("unread", null)));
        Assert.Equal(_llm.Reply, summary.Text);
        Assert.Equal(2, summary.MessageCount);
        var sent = Assert.Single(_llm.Requests);
        Assert.Contains("We ship the release on Friday", sent.AllContent, StringComparison.Ordinal);
        Assert.Contains("please write the release notes", sent.AllContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Old news", sent.AllContent, StringComparison.Ordinal); // read messages are not sent
        Assert.DoesNotContain("Also read already", sent.AllContent, StringComparison.Ordinal);

        var admin = await _server.AdminAsync();
        var usage = Assert.Single((await admin.Ok<ListResponse<AiUsageDto>>(admin.Http.GetAsync($"/api/v1/admin/ai/usage?conversationId={g.Id}"))).Items);
        Assert.Equal(("assistant.summary", 200L, 20L), (usage.Feature, usage.InputTokens, usage.OutputTokens));


        // A client that opened the conversation (which marked everything read) passes the position it had before.
        (await member.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/read", new MarkReadRequest(read.Seq + 2))).EnsureSuccessStatusCode();
        var opened = await member.Ok<ConversationSummaryDto>(member.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/summaries", new SummarizeRequest("unread", null, read.Seq)));
        Assert.Equal(2, opened.MessageCount);
        Assert.Equal(0, (await member.Ok<ConversationSummaryDto>(member.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/summaries", new SummarizeRequest("unread", null)))).MessageCount);
        Assert.Equal(2, _llm.Requests.Count); // nothing unread: no model call

                // Consent withdrawn: refused again, nothing more sent; audited both times.
        await owner.Ok<AssistantStateDto>(owner.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/assistant", new SetAssistantConsentRequest(false)));
        Assert.Equal(ErrorCodes.AssistantConsentRequired,
            (await member.StatusAsync(member.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/reply-suggestions", new ReplySuggestionsRequest(null)))).Code);
        Assert.Equal(2, _llm.Requests.Count);
        Assert.Contains("assistant.consent_changed", await admin.Http.GetStringAsync("/api/v1/audit?action=assistant.consent_changed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assistant_NonMember_GetsNotFoundAndNothingIsSent()
    {
        var owner = await _server.UserAsync();
        var outsider = await _server.UserAsync();
        var g = await owner.CreateAsync(ConversationKinds.Group, "secret plans");
        await owner.SendAsync(g.Id, "The secret plan");
        await owner.Ok<AssistantStateDto>(owner.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/assistant", new SetAssistantConsentRequest(true)));
        foreach (var call in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => outsider.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/summaries", new SummarizeRequest("recent", null)),
                     () => outsider.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/reply-suggestions", new ReplySuggestionsRequest(2)),
                     () => outsider.Http.GetAsync($"/api/v1/conversations/{g.Id}/assistant"),
                     () => outsider.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/assistant", new SetAssistantConsentRequest(false)),
                 })
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.StatusAsync(call())).Status);
        Assert.True(_llm.Requests.IsEmpty, "a non-member's request must not send the conversation anywhere");
    }

    [Fact]
    public async Task ReplySuggestions_Consented_ParsesOneSuggestionPerLine_BadCountIsRefused()
    {
        var owner = await _server.UserAsync();
        var peer = await _server.UserAsync();
        var g = await owner.CreateAsync(ConversationKinds.Group, "support", peer.Id);
        await peer.SendAsync(g.Id, "Can you send me the invoice for March?");
        await owner.Ok<AssistantStateDto>(owner.Http.PutAsJsonAsync($"/api/v1/conversations/{g.Id}/assistant", new SetAssistantConsentRequest(true)));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await owner.StatusAsync(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/reply-suggestions", new ReplySuggestionsRequest(9))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await owner.StatusAsync(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/summaries", new SummarizeRequest("everything", null))));

        _llm.Reply = "Sure, I will send it today.\n- Which e-mail address should I use?\n\nIt is attached.";
        var s = await owner.Ok<ReplySuggestionsDto>(owner.Http.PostAsJsonAsync($"/api/v1/conversations/{g.Id}/reply-suggestions", new ReplySuggestionsRequest(3)));
        Assert.Equal(["Sure, I will send it today.", "Which e-mail address should I use?", "It is attached."], s.Suggestions);
        Assert.Contains("Can you send me the invoice for March?", Assert.Single(_llm.Requests).AllContent, StringComparison.Ordinal);
    }
}
