using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Knowledge;

/// <summary>/api/v1/knowledge: the knowledge base the AI first line answers from (knowledge.manage), and a box to try questions.</summary>
public static class KnowledgeApi
{
    public static void MapKnowledgeApi(this RouteGroupBuilder api)
    {
        const string manage = Permissions.KnowledgeManage;
        var g = api.MapGroup("/knowledge").WithTags("Knowledge");

        g.MapGet("/articles", async (string? language, bool? published, long? before, int? limit, HttpContext http, KnowledgeService service) =>
                new ListResponse<KnowledgeArticleDto>(await service.ListAsync(Actor.Of(http), language, published, before, limit)))
            .RequirePermission(manage)
            .WithSummary("Articles and FAQ pairs, newest first; optional language (zh-CN, en), published, and before (an id) for the next page (knowledge.manage).");

        g.MapGet("/articles/{id:long}", async (long id, HttpContext http, KnowledgeService service) => await service.GetAsync(Actor.Of(http), id))
            .RequirePermission(manage).WithSummary("One article (knowledge.manage).");

        g.MapPost("/articles", async (SaveKnowledgeArticleRequest request, HttpContext http, KnowledgeService service) =>
            {
                var article = await service.CreateAsync(Actor.Of(http), request);
                return TypedResults.Created($"/api/v1/knowledge/articles/{article.Id}", article);
            })
            .RequirePermission(manage)
            .WithSummary("Adds an article or FAQ pair (kind article|faq; Markdown body; language zh-CN|en; tags; published); audited; every node's index follows (knowledge.manage).");

        g.MapPut("/articles/{id:long}", async (long id, SaveKnowledgeArticleRequest request, HttpContext http, KnowledgeService service) =>
                await service.UpdateAsync(Actor.Of(http), id, request))
            .RequirePermission(manage).WithSummary("Replaces an article; audited (knowledge.manage).");

        g.MapDelete("/articles/{id:long}", async (long id, HttpContext http, KnowledgeService service) =>
            {
                await service.DeleteAsync(Actor.Of(http), id);
                return TypedResults.NoContent();
            }).RequirePermission(manage).WithSummary("Removes an article; audited (knowledge.manage).");

        g.MapPost("/answers", async (KnowledgeAnswerRequest request, IKnowledgeAnswerer answerer, CancellationToken cancellationToken) =>
                await answerer.AnswerAsync(request.Question ?? "", request.Language,
                    new KnowledgeConversationContext(0, Math.Max(0, request.TurnCount ?? 0)), cancellationToken))
            .RequirePermission(manage)
            .WithSummary("What the AI first line would answer: the answer, its cited articles, confidence and whether it hands off to a person (and why). Uses the language model only when an administrator enabled one (knowledge.manage).");
    }
}
