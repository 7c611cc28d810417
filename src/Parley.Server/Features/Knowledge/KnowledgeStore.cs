using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Knowledge;

public sealed record KnowledgeArticleRecord(
    long Id, string Kind, string Title, string Body, string Language, string Tags, long Published, long? CreatedBy, long CreatedAt, long? UpdatedBy, long UpdatedAt)
{
    public bool IsPublished => Published != 0;
}

/// <summary>SQL for <c>knowledge_articles</c>. Reads take a pooled connection; writes run in the group commit.</summary>
public sealed class KnowledgeStore(Database database)
{
    private const string Columns = "id, kind, title, body, language, tags, published, created_by AS CreatedBy, created_at AS CreatedAt, updated_by AS UpdatedBy, updated_at AS UpdatedAt";

    public async Task<KnowledgeArticleRecord?> FindAsync(long id)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<KnowledgeArticleRecord>($"SELECT {Columns} FROM knowledge_articles WHERE id = @id", new { id });
    }

    /// <summary>Articles newest change first, optionally of one language and published state, below an id cursor.</summary>
    public async Task<IReadOnlyList<KnowledgeArticleRecord>> ListAsync(string? language, bool? published, long? before, int limit)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<KnowledgeArticleRecord>(
            $"""
            SELECT {Columns} FROM knowledge_articles
            WHERE (@language IS NULL OR language = @language) AND (@published IS NULL OR published = @published) AND (@before IS NULL OR id < @before)
            ORDER BY id DESC LIMIT @limit
            """, new { language, published = published is { } p ? Sql.Flag(p) : (int?)null, before, limit })).AsList();
    }

    public async Task<IReadOnlyList<KnowledgeArticleRecord>> PublishedAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<KnowledgeArticleRecord>($"SELECT {Columns} FROM knowledge_articles WHERE published = 1")).AsList();
    }

    public static KnowledgeArticleRecord? Find(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<KnowledgeArticleRecord>($"SELECT {Columns} FROM knowledge_articles WHERE id = @id", new { id }, w.Transaction);

    public static long Count(WriteContext w) => w.Connection.ExecuteScalar<long>("SELECT count(*) FROM knowledge_articles", transaction: w.Transaction);

    public static long Insert(WriteContext w, KnowledgeArticleRecord a) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO knowledge_articles(kind, title, body, language, tags, published, created_by, created_at, updated_by, updated_at)
            VALUES (@Kind, @Title, @Body, @Language, @Tags, @Published, @CreatedBy, @now, @CreatedBy, @now) RETURNING id
            """, new { a.Kind, a.Title, a.Body, a.Language, a.Tags, a.Published, a.CreatedBy, now = w.NowMs }, w.Transaction);

    public static bool Update(WriteContext w, KnowledgeArticleRecord a) =>
        w.Connection.Execute(
            """
            UPDATE knowledge_articles SET kind = @Kind, title = @Title, body = @Body, language = @Language, tags = @Tags, published = @Published,
                updated_by = @UpdatedBy, updated_at = @now WHERE id = @Id
            """, new { a.Id, a.Kind, a.Title, a.Body, a.Language, a.Tags, a.Published, a.UpdatedBy, now = w.NowMs }, w.Transaction) > 0;

    public static bool Delete(WriteContext w, long id) =>
        w.Connection.Execute("DELETE FROM knowledge_articles WHERE id = @id", new { id }, w.Transaction) > 0;
}
