using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Parley.Server.Common;

namespace Parley.Server.Features.Knowledge;

/// <summary>One retrieved article with its confidence (0–1).</summary>
public sealed record KnowledgeHit(long Id, string Kind, string Title, string Body, string Language, double Confidence, float Score);

/// <summary>
/// This node's search index of the published articles: Lucene.Net in memory, built from the table on first use and
/// kept in step by <see cref="RefreshAsync"/> (called by the node that wrote, and by <see cref="KnowledgeChangesFromLog"/>
/// on every node for changes made anywhere). Each article is analysed with its own language's analyzer; a question is
/// searched among the articles of its language, title, tags and body, ranked by BM25.
/// </summary>
public sealed class KnowledgeIndex(KnowledgeStore store) : IDisposable
{
    private const string IdField = "id", LangField = "lang", KindField = "kind", TitleField = "title", BodyField = "body", TagsField = "tags";
    private static readonly string[] TextFields = [TitleField, BodyField, TagsField];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile State? _state;

    private sealed record State(RAMDirectory Directory, IndexWriter Writer, SearcherManager Searchers);

    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Re-reads these articles from the table and replaces, adds or removes them in the index.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<long> ids)
    {
        if (_state is null) return; // not built yet: the build reads the table as it is then
        await _gate.WaitAsync();
        try
        {
            var state = _state!;
            foreach (var id in ids)
            {
                var article = await store.FindAsync(id);
                if (article is { IsPublished: true }) state.Writer.UpdateDocument(new Term(IdField, Key(id)), ToDocument(article), KnowledgeAnalyzers.ForIndex(article.Language));
                else state.Writer.DeleteDocuments(new Term(IdField, Key(id)));
            }
            state.Searchers.MaybeRefreshBlocking();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<State> StateAsync()
    {
        if (_state is { } ready) return ready;
        await _gate.WaitAsync();
        try
        {
            if (_state is { } built) return built;
            var directory = new RAMDirectory();
            var writer = new IndexWriter(directory, new IndexWriterConfig(KnowledgeAnalyzers.Version, KnowledgeAnalyzers.EnglishIndex)
            {
                Similarity = new BM25Similarity(),
                OpenMode = OpenMode.CREATE,
            });
            foreach (var article in await store.PublishedAsync())
                writer.AddDocument(ToDocument(article), KnowledgeAnalyzers.ForIndex(article.Language));
            writer.Commit();
            _state = new State(directory, writer, new SearcherManager(writer, true, new Bm25Searchers()));
            return _state;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Builds the index now (start-up), so the first question does not pay for it.</summary>
    public Task WarmAsync() => StateAsync();

    /// <summary>The best <paramref name="limit"/> published articles in <paramref name="language"/> for a question, best first.</summary>
    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string question, string language, int limit)
    {
        var state = await StateAsync();
        var analyzer = KnowledgeAnalyzers.ForQuery(language);
        var terms = KnowledgeAnalyzers.Terms(analyzer, BodyField, question).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0) return [];

        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            query.Add(new TermQuery(new Term(TitleField, term)) { Boost = 2f }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(TagsField, term)) { Boost = 1.5f }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(BodyField, term)), Occur.SHOULD);
        }
        var searcher = state.Searchers.Acquire();
        try
        {
            var top = searcher.Search(query, new QueryWrapperFilter(new TermQuery(new Term(LangField, language))), limit);
            var hits = new List<KnowledgeHit>(top.ScoreDocs.Length);
            var weights = terms.ToDictionary(t => t, t => Rarity(searcher.IndexReader, t), StringComparer.Ordinal);
            foreach (var scored in top.ScoreDocs)
            {
                var doc = searcher.Doc(scored.Doc);
                var (title, body, tags) = (doc.Get(TitleField), doc.Get(BodyField), doc.Get(TagsField));
                hits.Add(new KnowledgeHit(long.Parse(doc.Get(IdField), System.Globalization.CultureInfo.InvariantCulture), doc.Get(KindField), title, body, language,
                    Coverage(weights, language, $"{title}\n{tags}\n{body}"), scored.Score));
            }
            return hits;
        }
        finally
        {
            state.Searchers.Release(searcher);
        }
    }

    /// <summary>
    /// The confidence of a hit: the share of the question's terms (weighted by rarity, so a rare word the article lacks
    /// costs more than a common one) that the article contains. BM25 scores are not comparable between questions;
    /// this is, and it is 0–1. A word no article contains weighs the most, so an off-topic question scores low.
    /// </summary>
    private static double Coverage(Dictionary<string, double> weights, string language, string text)
    {
        var present = KnowledgeAnalyzers.Terms(KnowledgeAnalyzers.ForIndex(language), BodyField, text).ToHashSet(StringComparer.Ordinal);
        var total = weights.Values.Sum();
        return total <= 0 ? 0 : Math.Round(weights.Where(w => present.Contains(w.Key)).Sum(w => w.Value) / total, 3);
    }

    /// <summary>
    /// BM25's inverse document frequency of a term over the three text fields (the field where it is commonest). The
    /// article count is taken as at least <see cref="SmallBase"/>: in a knowledge base of a handful of articles every
    /// known word would look common and every unknown one five times as weighty, so a good answer from a new, small
    /// base scored below 0.3 (the e2e spec's single article); with the floor it scores as it would among more articles.
    /// </summary>
    private static double Rarity(IndexReader reader, string term)
    {
        var n = Math.Max(reader.NumDocs, SmallBase);
        var df = TextFields.Max(f => reader.DocFreq(new Term(f, term)));
        return Math.Log(1 + (n - df + 0.5) / (df + 0.5));
    }

    private const int SmallBase = 50;

    private static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Document ToDocument(KnowledgeArticleRecord a) =>
    [
        new StringField(IdField, Key(a.Id), Field.Store.YES),
        new StringField(LangField, a.Language, Field.Store.NO),
        new StringField(KindField, a.Kind, Field.Store.YES),
        new TextField(TitleField, a.Title, Field.Store.YES),
        new TextField(TagsField, string.Join(' ', KnowledgeTags.Parse(a.Tags)), Field.Store.YES),
        new TextField(BodyField, a.Body, Field.Store.YES),
    ];

    public void Dispose()
    {
        if (_state is { } s)
        {
            s.Searchers.Dispose();
            s.Writer.Dispose();
            s.Directory.Dispose();
        }
        _gate.Dispose();
    }
}

/// <summary>Tags are stored as a JSON array of strings.</summary>
internal static class KnowledgeTags
{
    public static IReadOnlyList<string> Parse(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json, JsonDefaults.Options) ?? [];

    public static string Format(IReadOnlyList<string> tags) => JsonSerializer.Serialize(tags, JsonDefaults.Options);
}
