using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.SlashCommands;

/// <summary>SQL for administrator-registered slash commands and the response_url tokens of their runs (SHA-256 only).</summary>
public sealed class ExternalCommandStore(Database database)
{
    private const string Columns = "id, command, url, description, usage_hint AS UsageHint, bot_user_id AS BotUserId, signing_secret AS SigningSecret, "
        + "created_by AS CreatedBy, created_at AS CreatedAt";

    public async Task<IReadOnlyList<Row>> ListAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>($"SELECT {Columns} FROM slash_commands ORDER BY command")).AsList();
    }

    public async Task<Row?> FindByCommandAsync(string command)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM slash_commands WHERE command = @command", new { command });
    }

    public async Task<Row?> FindAsync(long id)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM slash_commands WHERE id = @id", new { id });
    }

    public static Row? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM slash_commands WHERE id = @id", new { id }, w.Transaction);

    public static bool CommandTaken(WriteContext w, string command) =>
        w.Connection.ExecuteScalar<int>("SELECT count(*) FROM slash_commands WHERE command = @command", new { command }, w.Transaction) > 0;

    public static long Insert(WriteContext w, string command, string url, string description, string? usageHint, long botUserId, string signingSecret, long createdBy) =>
        w.Connection.ExecuteScalar<long>("""
            INSERT INTO slash_commands(command, url, description, usage_hint, bot_user_id, signing_secret, created_by, created_at)
            VALUES (@command, @url, @description, @usageHint, @botUserId, @signingSecret, @createdBy, @now) RETURNING id
            """, new { command, url, description, usageHint, botUserId, signingSecret, createdBy, now = w.NowMs }, w.Transaction);

    public static void Delete(WriteContext w, long id)
    {
        w.Connection.Execute("DELETE FROM slash_command_responses WHERE command_id = @id", new { id }, w.Transaction);
        w.Connection.Execute("DELETE FROM slash_commands WHERE id = @id", new { id }, w.Transaction);
    }

    public static void InsertResponse(WriteContext w, byte[] tokenHash, long commandId, long userId, long conversationId, long expiresAt)
    {
        // Expired tokens are swept as new ones are made: the table holds at most the last half hour's runs.
        w.Connection.Execute("DELETE FROM slash_command_responses WHERE expires_at < @now", new { now = w.NowMs }, w.Transaction);
        w.Connection.Execute("""
            INSERT INTO slash_command_responses(token_hash, command_id, user_id, conversation_id, expires_at, uses)
            VALUES (@tokenHash, @commandId, @userId, @conversationId, @expiresAt, 0)
            """, new { tokenHash, commandId, userId, conversationId, expiresAt }, w.Transaction);
    }

    /// <summary>The live (unexpired) response token with this hash, or null.</summary>
    public static ResponseRow? FindResponse(WriteContext w, byte[] tokenHash) =>
        w.Connection.QuerySingleOrDefault<ResponseRow>("""
            SELECT command_id AS CommandId, user_id AS UserId, conversation_id AS ConversationId, expires_at AS ExpiresAt, uses
            FROM slash_command_responses WHERE token_hash = @tokenHash AND expires_at >= @now
            """, new { tokenHash, now = w.NowMs }, w.Transaction);

    public static void UseResponse(WriteContext w, byte[] tokenHash) =>
        w.Connection.Execute("UPDATE slash_command_responses SET uses = uses + 1 WHERE token_hash = @tokenHash", new { tokenHash }, w.Transaction);

    public sealed class Row
    {
        public long Id { get; init; }
        public string Command { get; init; } = "";
        public string Url { get; init; } = "";
        public string Description { get; init; } = "";
        public string? UsageHint { get; init; }
        public long BotUserId { get; init; }
        public string SigningSecret { get; init; } = "";
        public long CreatedBy { get; init; }
        public long CreatedAt { get; init; }
    }

    public sealed class ResponseRow
    {
        public long CommandId { get; init; }
        public long UserId { get; init; }
        public long ConversationId { get; init; }
        public long ExpiresAt { get; init; }
        public int Uses { get; init; }
    }
}
