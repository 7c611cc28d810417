using Parley.Server.Platform;

namespace Parley.Server.Features.Knowledge;

/// <summary>Composition root of the knowledge base (issue 18): articles, this node's index and its follower, the answerer.</summary>
public static class KnowledgeExtensions
{
    public static WebApplicationBuilder AddKnowledge(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KnowledgeOptions>().Bind(builder.Configuration.GetSection(KnowledgeOptions.Section))
            .Validate(o => o.IsValid(), "Parley:Ai:Knowledge is invalid: MinConfidence 0–1, TopK 1–20, HandOffAfterTurns ≥ 0, no empty HandOffPhrases, MaxArticleChars 100–100,000, MaxBodyChars 100–1,000,000, MaxArticles 1–1,000,000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<KnowledgeStore>();
        builder.Services.AddSingleton<KnowledgeIndex>();
        builder.Services.AddSingleton<KnowledgeService>();
        builder.Services.AddSingleton<IKnowledgeAnswerer, KnowledgeAnswerer>();
        builder.Services.AddEventSubscriber<KnowledgeChangesFromLog>();
        return builder;
    }

    public static RouteGroupBuilder MapKnowledge(this RouteGroupBuilder api)
    {
        api.MapKnowledgeApi();
        return api;
    }
}
