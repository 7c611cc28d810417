using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Knowledge;

/// <summary>
/// The knowledge base's articles and FAQ pairs. Reading and changing need knowledge.manage (the endpoints require it,
/// and so does each method here). Every change is written with its system event (the audit log shows who changed
/// which article), then this node's index is refreshed at once and every other node's through <see cref="KnowledgeChangesFromLog"/>.
/// </summary>
public sealed class KnowledgeService(KnowledgeStore store, KnowledgeIndex index, WriteQueue writer, IOptionsMonitor<KnowledgeOptions> options)
{
    public const int MaxTitle = 300, MaxTags = 20, MaxTag = 40;

    public async Task<IReadOnlyList<KnowledgeArticleDto>> ListAsync(Actor actor, string? language, bool? published, long? before, int? limit)
    {
        actor.Require(Permissions.KnowledgeManage);
        if (language is not null) ValidLanguage(language);
        return [.. (await store.ListAsync(language, published, before, Paging.Limit(limit))).Select(ToDto)];
    }

    public async Task<KnowledgeArticleDto> GetAsync(Actor actor, long id)
    {
        actor.Require(Permissions.KnowledgeManage);
        return ToDto(await store.FindAsync(id) ?? throw ParleyException.NotFound("The article"));
    }

    public async Task<KnowledgeArticleDto> CreateAsync(Actor actor, SaveKnowledgeArticleRequest request)
    {
        actor.Require(Permissions.KnowledgeManage);
        var valid = Validate(request, actor.UserId);
        var max = options.CurrentValue.MaxArticles;
        var article = await writer.ExecuteAsync(w =>
        {
            if (KnowledgeStore.Count(w) >= max)
                throw ParleyException.Conflict($"The knowledge base holds at most {max:N0} articles (Parley:Ai:Knowledge:MaxArticles).");
            var id = KnowledgeStore.Insert(w, valid);
            SystemLog.Append(w, actor, SystemEventTypes.KnowledgeArticleCreated, id, new { valid.Kind, valid.Title, valid.Language, published = valid.IsPublished });
            return KnowledgeStore.Find(w, id)!;
        });
        await index.RefreshAsync([article.Id]);
        return ToDto(article);
    }

    public async Task<KnowledgeArticleDto> UpdateAsync(Actor actor, long id, SaveKnowledgeArticleRequest request)
    {
        actor.Require(Permissions.KnowledgeManage);
        var valid = Validate(request, actor.UserId) with { Id = id, UpdatedBy = actor.UserId };
        var article = await writer.ExecuteAsync(w =>
        {
            if (!KnowledgeStore.Update(w, valid)) throw ParleyException.NotFound("The article");
            SystemLog.Append(w, actor, SystemEventTypes.KnowledgeArticleUpdated, id, new { valid.Kind, valid.Title, valid.Language, published = valid.IsPublished });
            return KnowledgeStore.Find(w, id)!;
        });
        await index.RefreshAsync([id]);
        return ToDto(article);
    }

    public async Task DeleteAsync(Actor actor, long id)
    {
        actor.Require(Permissions.KnowledgeManage);
        await writer.ExecuteAsync(w =>
        {
            var article = KnowledgeStore.Find(w, id) ?? throw ParleyException.NotFound("The article");
            KnowledgeStore.Delete(w, id);
            SystemLog.Append(w, actor, SystemEventTypes.KnowledgeArticleDeleted, id, new { article.Title, article.Language });
            return 0;
        });
        await index.RefreshAsync([id]);
    }

    private KnowledgeArticleRecord Validate(SaveKnowledgeArticleRequest r, long? userId)
    {
        var kind = r.Kind ?? KnowledgeKinds.Article;
        if (!KnowledgeKinds.All.Contains(kind)) throw ParleyException.Invalid("kind", "kind must be 'article' or 'faq'.");
        var title = r.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > MaxTitle || title.Any(char.IsControl))
            throw ParleyException.Invalid("title", $"A title is 1–{MaxTitle} characters on one line.");
        var maxBody = options.CurrentValue.MaxBodyChars;
        if (string.IsNullOrWhiteSpace(r.Body) || r.Body.Length > maxBody)
            throw ParleyException.Invalid("body", $"A body is 1–{maxBody:N0} characters of Markdown (Parley:Ai:Knowledge:MaxBodyChars).");
        var language = ValidLanguage(r.Language);
        var tags = (r.Tags ?? []).Select(t => t?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (tags.Count > MaxTags || tags.Any(t => t.Length is 0 or > MaxTag || t.Any(char.IsControl)))
            throw ParleyException.Invalid("tags", $"At most {MaxTags} tags of 1–{MaxTag} characters each.");
        return new KnowledgeArticleRecord(0, kind, title, r.Body, language, KnowledgeTags.Format(tags), Sql.Flag(r.Published == true), userId, 0, userId, 0);
    }

    private static string ValidLanguage(string? language) =>
        language is not null && KnowledgeLanguages.All.Contains(language)
            ? language
            : throw ParleyException.Invalid("language", "language must be 'zh-CN' or 'en'.");

    private static KnowledgeArticleDto ToDto(KnowledgeArticleRecord a) =>
        new(a.Id, a.Kind, a.Title, a.Body, a.Language, KnowledgeTags.Parse(a.Tags), a.IsPublished, a.CreatedBy, UnixMs.To(a.CreatedAt), a.UpdatedBy, UnixMs.To(a.UpdatedAt));
}
