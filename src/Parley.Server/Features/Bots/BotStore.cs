using Dapper;
using Parley.Server.Storage;
using Parley.Server.Features.Users;

namespace Parley.Server.Features.Bots;

/// <summary>SQL for bots: the <c>bots</c> row beside the bot's <c>users</c> row (kind 'bot').</summary>
public sealed class BotStore(Database database)
{
    public sealed class Row
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Scopes { get; init; } = "";
        public bool IsActive { get; init; }
        public long CreatedAt { get; init; }
        public long TokenCreatedAt { get; init; }
        public long? SessionId { get; init; }
    }

    private const string Select = """
        SELECT u.id AS Id, u.username AS Username, u.display_name AS DisplayName, b.scopes AS Scopes, u.is_active AS IsActive,
               b.created_at AS CreatedAt, b.token_created_at AS TokenCreatedAt, b.session_id AS SessionId
        FROM bots b JOIN users u ON u.id = b.user_id
        """;

    public async Task<IReadOnlyList<Row>> ListAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>($"{Select} ORDER BY u.username LIMIT 1000")).AsList();
    }

    public async Task<Row?> FindAsync(long id)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE b.user_id = @id", new { id });
    }

    public static Row? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<Row>($"{Select} WHERE b.user_id = @id", new { id }, w.Transaction);

    public static void MarkBot(WriteContext w, long userId) => UserStore.SetKind(w, userId, UserKinds.Bot);

    public static void Insert(WriteContext w, long userId, string scopes, long sessionId, long? createdBy) =>
        w.Connection.Execute(
            "INSERT INTO bots(user_id, scopes, session_id, created_by, created_at, token_created_at) VALUES (@userId, @scopes, @sessionId, @createdBy, @now, @now)",
            new { userId, scopes, sessionId, createdBy, now = w.NowMs }, w.Transaction);

    public static void SetSession(WriteContext w, long userId, long sessionId) =>
        w.Connection.Execute("UPDATE bots SET session_id = @sessionId, token_created_at = @now WHERE user_id = @userId",
            new { userId, sessionId, now = w.NowMs }, w.Transaction);

    public static void SetScopes(WriteContext w, long userId, string scopes) =>
        w.Connection.Execute("UPDATE bots SET scopes = @scopes WHERE user_id = @userId", new { userId, scopes }, w.Transaction);
}
