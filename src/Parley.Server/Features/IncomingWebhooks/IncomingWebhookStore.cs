using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.IncomingWebhooks;

/// <summary>SQL for incoming webhooks (the token as SHA-256 only) and their identities (users of kind 'webhook').</summary>
public sealed class IncomingWebhookStore(Database database)
{
    public const string UserKind = Users.UserKinds.Webhook;

    private const string Columns = "id, conversation_id AS ConversationId, bot_user_id AS BotUserId, name, action_url AS ActionUrl, signing_secret AS SigningSecret, "
        + "created_by AS CreatedBy, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt";

    public async Task<IReadOnlyList<Row>> ListAsync(long conversationId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>($"SELECT {Columns} FROM incoming_webhooks WHERE conversation_id = @conversationId AND revoked_at IS NULL ORDER BY id", new { conversationId })).AsList();
    }

    /// <summary>The live hook with this token hash, or null: one lookup on a unique index of the hash, so the time taken says nothing about how close a guess was.</summary>
    public async Task<Row?> FindLiveAsync(byte[] tokenHash)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM incoming_webhooks WHERE token_hash = @tokenHash AND revoked_at IS NULL", new { tokenHash });
    }

    public async Task<Row?> FindAsync(long id)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM incoming_webhooks WHERE id = @id", new { id });
    }

    public static Row? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM incoming_webhooks WHERE id = @id", new { id }, w.Transaction);

    public static int CountLive(WriteContext w, long conversationId) =>
        w.Connection.ExecuteScalar<int>("SELECT count(*) FROM incoming_webhooks WHERE conversation_id = @conversationId AND revoked_at IS NULL", new { conversationId }, w.Transaction);

    public static long Insert(WriteContext w, long conversationId, long botUserId, string name, byte[] tokenHash, string? actionUrl, string signingSecret, long createdBy) =>
        w.Connection.ExecuteScalar<long>("""
            INSERT INTO incoming_webhooks(conversation_id, bot_user_id, name, token_hash, action_url, signing_secret, created_by, created_at)
            VALUES (@conversationId, @botUserId, @name, @tokenHash, @actionUrl, @signingSecret, @createdBy, @now) RETURNING id
            """, new { conversationId, botUserId, name, tokenHash, actionUrl, signingSecret, createdBy, now = w.NowMs }, w.Transaction);

    public static bool Revoke(WriteContext w, long id) =>
        w.Connection.Execute("UPDATE incoming_webhooks SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now = w.NowMs }, w.Transaction) == 1;

    public static void Touch(WriteContext w, long id, long nowMs) =>
        w.Connection.Execute("UPDATE incoming_webhooks SET last_used_at = @nowMs WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @nowMs)", new { id, nowMs }, w.Transaction);

    public sealed class Row
    {
        public long Id { get; init; }
        public long ConversationId { get; init; }
        public long BotUserId { get; init; }
        public string Name { get; init; } = "";
        public string? ActionUrl { get; init; }
        public string SigningSecret { get; init; } = "";
        public long CreatedBy { get; init; }
        public long CreatedAt { get; init; }
        public long? LastUsedAt { get; init; }
        public long? RevokedAt { get; init; }

        public IncomingWebhookDto ToDto() => new(Id, ConversationId, Name, BotUserId, ActionUrl, CreatedBy, UnixMs.To(CreatedAt), UnixMs.To(LastUsedAt));
    }
}
