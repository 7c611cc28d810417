using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Search;

/// <summary>
/// The full-text index of message text, written inside the message's own write. SQLite: a contentless FTS5 table
/// keyed by the message id. PostgreSQL: a tsvector per message with a GIN index. Both index the same
/// <see cref="CjkTokenizer.ForIndex"/> text and are queried with the same terms, so results agree.
/// </summary>
public static class SearchIndex
{
    public static void Put(WriteContext w, long messageId, string text)
    {
        Remove(w, messageId);
        if (text.Length == 0) return;
        var body = CjkTokenizer.ForIndex(text);
        w.Connection.Execute(Sql.IsPostgres(w.Connection)
                ? "INSERT INTO message_search(message_id, body) VALUES (@messageId, to_tsvector('simple', @body))"
                : "INSERT INTO message_fts(rowid, body) VALUES (@messageId, @body)",
            new { messageId, body }, w.Transaction);
    }

    public static void Remove(WriteContext w, long messageId) =>
        w.Connection.Execute(Sql.IsPostgres(w.Connection)
                ? "DELETE FROM message_search WHERE message_id = @messageId"
                : "DELETE FROM message_fts WHERE rowid = @messageId",
            new { messageId }, w.Transaction);

    /// <summary>The FROM/WHERE pieces of a search: <c>f</c> is the index, <c>f.hit</c> the matching message id, <c>@match</c> the query.</summary>
    public readonly record struct Query(string From, string Match, string Id, string Terms);

    public static Query For(System.Data.Common.DbConnection connection, string userQuery) =>
        Sql.IsPostgres(connection)
            ? new("message_search f", "f.body @@ to_tsquery('simple', @match)", "f.message_id", CjkTokenizer.ToTsQuery(userQuery) ?? NothingSearchable())
            : new("message_fts f", "message_fts MATCH @match", "f.rowid", CjkTokenizer.ToMatchQuery(userQuery) ?? NothingSearchable());

    private static string NothingSearchable() => throw Common.ParleyException.Invalid("q", "q has no searchable words.");
}
