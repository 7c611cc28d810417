using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Knowledge;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>
/// CONTRACT tests of the language model path (issue 18), not quality tests: no model can be installed here, so the
/// provider is <see cref="OpenAiRecordingServer"/>, which records what Parley sends and streams a scripted answer.
/// They check the request (grounding articles in the prompt, the model, the API key), that nothing at all is sent
/// when no provider is enabled or the knowledge base has no good article, that [n] markers become citations, and
/// that the usage the provider reports is metered with its cost.
/// </summary>
public class LlmContractTests : IAsyncLifetime
{
    private OpenAiRecordingServer _llm = null!;
    private TestServer? _server;

    public async Task InitializeAsync() => _llm = await OpenAiRecordingServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private async Task<TestServer> Start(bool enabled, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Ai:Enabled"] = enabled ? "true" : "false",
            ["Parley:Ai:Endpoint"] = _llm.Endpoint,
            ["Parley:Ai:ApiKey"] = "sk-contract-test",
            ["Parley:Ai:Model"] = "contract-model",
            ["Parley:Ai:InputPricePerMillionTokens"] = "2",
            ["Parley:Ai:OutputPricePerMillionTokens"] = "8",
        };
        foreach (var kv in more ?? []) settings[kv.Key] = kv.Value;
        return _server = await TestServer.StartAsync(settings);
    }

    [Fact]
    public async Task Answer_ProviderEnabled_SendsGroundingModelAndKey_MapsCitations_MetersUsage()
    {
        var server = await Start(enabled: true);
        var admin = await server.AdminAsync();
        var ids = await KnowledgeSeed.WriteAsync(admin);
        _llm.Reply = "Open the sign-in page and choose Forgot password [1]; the link is valid for 30 minutes [1]. See also [7].";
        _llm.Usage = (321, 45);

        var answer = await admin.Ok<KnowledgeAnswerDto>(admin.Http.PostAsJsonAsync("/api/v1/knowledge/answers",
            new KnowledgeAnswerRequest("I forgot the password of my account, how can I reset it?", "en", null)));

        var request = Assert.Single(_llm.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-contract-test", request.Authorization);
        Assert.Equal("contract-model", request.Body.GetProperty("model").GetString());
        Assert.True(request.Body.GetProperty("stream").GetBoolean(), "answers are streamed");
        Assert.Contains("[1] Resetting a forgotten password", request.AllContent, StringComparison.Ordinal);
        Assert.Contains("We e-mail a reset link that is valid for 30 minutes", request.AllContent, StringComparison.Ordinal);
        Assert.Contains("Answer ONLY from the numbered knowledge base articles", request.AllContent, StringComparison.Ordinal);
        Assert.DoesNotContain("年度套餐", request.AllContent, StringComparison.Ordinal); // only the articles that matched, in the question's language

        Assert.Equal(_llm.Reply, answer.Answer);
        Assert.Equal(KnowledgeAnswerer.LlmSource, answer.Source);
        Assert.False(answer.HandOff);
        // [1] is the grounding article; [7] names no article given to the model and is dropped.
        Assert.Equal([new KnowledgeCitationDto(ids["Resetting a forgotten password"], "Resetting a forgotten password")], answer.Citations);

        var usage = Assert.Single((await admin.Ok<ListResponse<AiUsageDto>>(admin.Http.GetAsync("/api/v1/admin/ai/usage"))).Items);
        Assert.Equal(("knowledge.answer", 0L, 1L, 321L, 45L), (usage.Feature, usage.ConversationId, usage.Requests, usage.InputTokens, usage.OutputTokens));
        Assert.Equal((321 * 2m + 45 * 8m) / 1_000_000m, usage.Cost);
    }

    [Fact]
    public async Task Stream_ProviderEnabled_YieldsPiecesThenTheFinalAnswerMeteredToTheConversation()
    {
        var server = await Start(enabled: true);
        var admin = await server.AdminAsync();
        await KnowledgeSeed.WriteAsync(admin);
        _llm.Reply = "订单在两个工作日内发货，国内三到五天送达 [1]。";
        var answerer = server.Services.GetRequiredService<IKnowledgeAnswerer>();

        var deltas = new List<string>();
        KnowledgeAnswerDto? final = null;
        await foreach (var chunk in answerer.StreamAsync("快递一般几天能到？在哪里查物流？", null, new KnowledgeConversationContext(4242, 1,
                           [new KnowledgeTurn(true, "你好"), new KnowledgeTurn(false, "您好，请问有什么可以帮您？")])))
        {
            if (chunk.Delta is not null) deltas.Add(chunk.Delta);
            final = chunk.Final ?? final;
        }
        Assert.True(deltas.Count > 1, $"the answer arrives in pieces as the model writes it, got {deltas.Count}");
        Assert.Equal(_llm.Reply, string.Concat(deltas));
        Assert.Equal("发货时间与物流查询", Assert.Single(final!.Citations).Title);
        var sent = Assert.Single(_llm.Requests);
        Assert.Contains("Answer in Simplified Chinese.", sent.AllContent, StringComparison.Ordinal);
        Assert.Contains("您好，请问有什么可以帮您？", sent.AllContent, StringComparison.Ordinal); // the transcript goes along

        var usage = Assert.Single((await admin.Ok<ListResponse<AiUsageDto>>(admin.Http.GetAsync("/api/v1/admin/ai/usage?conversationId=4242"))).Items);
        Assert.Equal((120L, 30L), (usage.InputTokens, usage.OutputTokens));
    }

    [Fact]
    public async Task Answer_ProviderNotEnabled_SendsNothingAndAnswersByRetrieval()
    {
        // The endpoint, key and model are configured, but no administrator enabled the provider.
        var server = await Start(enabled: false);
        var admin = await server.AdminAsync();
        await KnowledgeSeed.WriteAsync(admin);
        var answer = await admin.Ok<KnowledgeAnswerDto>(admin.Http.PostAsJsonAsync("/api/v1/knowledge/answers",
            new KnowledgeAnswerRequest("I forgot the password of my account, how can I reset it?", "en", null)));
        Assert.Equal(KnowledgeAnswerer.RetrievalSource, answer.Source);
        Assert.Single(answer.Citations);
        Assert.True(_llm.Requests.IsEmpty, "no request may reach a provider that is not enabled");
    }

    [Fact]
    public async Task Answer_OnlyFromKnowledgeBase_NoArticlePasses_RefusesWithoutARequest()
    {
        var server = await Start(enabled: true);
        var admin = await server.AdminAsync();
        await KnowledgeSeed.WriteAsync(admin);
        var answer = await admin.Ok<KnowledgeAnswerDto>(admin.Http.PostAsJsonAsync("/api/v1/knowledge/answers",
            new KnowledgeAnswerRequest("What will the weather be like in Paris tomorrow?", "en", null)));
        Assert.True(answer.HandOff && answer.Reason == HandOffReasons.LowConfidence, $"got {answer.Reason}");
        Assert.True(_llm.Requests.IsEmpty, "with no article above the threshold nothing is sent to the model");
    }

    [Fact]
    public async Task Answer_ConversationBudgetUsedUp_FallsBackToRetrievalWithoutARequest()
    {
        var server = await Start(enabled: true, new() { ["Parley:Ai:ConversationDailyTokenBudget"] = "100" });
        var admin = await server.AdminAsync();
        await KnowledgeSeed.WriteAsync(admin);
        _llm.Reply = "Choose Forgot password [1].";
        var answerer = server.Services.GetRequiredService<IKnowledgeAnswerer>();
        const string question = "I forgot the password of my account, how can I reset it?";
        Assert.Equal(KnowledgeAnswerer.LlmSource, (await answerer.AnswerAsync(question, "en", new KnowledgeConversationContext(77))).Source);
        var second = await answerer.AnswerAsync(question, "en", new KnowledgeConversationContext(77));
        Assert.Equal(KnowledgeAnswerer.RetrievalSource, second.Source);
        Assert.Single(_llm.Requests); // 150 tokens used of 100: the second question costs nothing
        Assert.Equal(KnowledgeAnswerer.LlmSource, (await answerer.AnswerAsync(question, "en", new KnowledgeConversationContext(78))).Source);
    }
}
