using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Embed;

/// <summary>SQL for embedding applications and their one-time tokens (hashes only).</summary>
public sealed class EmbedStore(Database database)
{
    private const string AppColumns = "id, name, allowed_origins AS AllowedOrigins, created_at AS CreatedAt, last_used_at AS LastUsedAt";

    public async Task<IReadOnlyList<AppRow>> ListAppsAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<AppRow>($"SELECT {AppColumns} FROM embed_apps WHERE revoked_at IS NULL ORDER BY id DESC LIMIT 200")).AsList();
    }

    public async Task<AppRow?> FindLiveAppAsync(byte[] secretHash)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<AppRow>($"SELECT {AppColumns} FROM embed_apps WHERE secret_hash = @secretHash AND revoked_at IS NULL", new { secretHash });
    }

    /// <summary>The origins of every live application (for frame-ancestors on /embed).</summary>
    public async Task<IReadOnlyList<string>> AllOriginsAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<string>("SELECT allowed_origins FROM embed_apps WHERE revoked_at IS NULL"))
            .SelectMany(AppRow.Split).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>An unused, unexpired token with its live application, or null.</summary>
    public async Task<TokenRow?> FindUsableTokenAsync(byte[] tokenHash, long nowMs)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<TokenRow>(
            """
            SELECT t.id, t.app_id AS AppId, t.user_id AS UserId, t.scope, t.expires_at AS ExpiresAt, a.allowed_origins AS AllowedOrigins
            FROM embed_tokens t JOIN embed_apps a ON a.id = t.app_id
            WHERE t.token_hash = @tokenHash AND t.used_at IS NULL AND t.expires_at > @nowMs AND a.revoked_at IS NULL
            """, new { tokenHash, nowMs });
    }

    /// <summary>The conversation a message belongs to (the scope guard's check for /messages/{id}…), or null.</summary>
    public async Task<long?> ConversationOfMessageAsync(long messageId)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<long?>("SELECT conversation_id FROM messages WHERE id = @messageId", new { messageId });
    }

    /// <summary>Whether the file was sent in the conversation, or is the user's own upload not sent anywhere yet.</summary>
    public async Task<bool> FileInScopeAsync(long fileId, long conversationId, long userId)
    {
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM files WHERE id = @fileId AND (conversation_id = @conversationId OR (conversation_id IS NULL AND uploader_id = @userId))",
            new { fileId, conversationId, userId }) > 0;
    }

    /// <summary>Whether the user is or was in the conversation (a sender of its older messages may have left).</summary>
    public async Task<bool> WasMemberAsync(long conversationId, long userId)
    {
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM members WHERE conversation_id = @conversationId AND user_id = @userId", new { conversationId, userId }) > 0;
    }

    /// <summary>The one user with this external id (from LDAP, SCIM or single sign-on), or null when none or several.</summary>
    public async Task<long?> UserIdByExternalIdAsync(string externalId)
    {
        await using var c = await database.OpenAsync();
        var ids = (await c.QueryAsync<long>("SELECT id FROM users WHERE external_id = @externalId LIMIT 2", new { externalId })).AsList();
        return ids.Count == 1 ? ids[0] : null;
    }

    public static AppRow? GetApp(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<AppRow>($"SELECT {AppColumns} FROM embed_apps WHERE id = @id AND revoked_at IS NULL", new { id }, w.Transaction);

    public static long InsertApp(WriteContext w, string name, byte[] secretHash, IReadOnlyList<string> origins, long? createdBy) =>
        w.Connection.ExecuteScalar<long>(
            "INSERT INTO embed_apps(name, secret_hash, allowed_origins, created_by, created_at) VALUES (@name, @secretHash, @origins, @createdBy, @now) RETURNING id",
            new { name, secretHash, origins = string.Join(' ', origins), createdBy, now = w.NowMs }, w.Transaction);

    public static bool UpdateApp(WriteContext w, long id, string name, IReadOnlyList<string> origins) =>
        w.Connection.Execute("UPDATE embed_apps SET name = @name, allowed_origins = @origins WHERE id = @id AND revoked_at IS NULL",
            new { id, name, origins = string.Join(' ', origins) }, w.Transaction) == 1;

    public static bool RevokeApp(WriteContext w, long id) =>
        w.Connection.Execute("UPDATE embed_apps SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now = w.NowMs }, w.Transaction) == 1;

    /// <summary>Stores a token (and drops tokens that ended more than a day ago: they can only be refused).</summary>
    public static void InsertToken(WriteContext w, long appId, byte[] tokenHash, long userId, string scope, long expiresAt)
    {
        w.Connection.Execute("DELETE FROM embed_tokens WHERE expires_at < @before", new { before = w.NowMs - 86_400_000L }, w.Transaction);
        w.Connection.Execute(
            "INSERT INTO embed_tokens(app_id, token_hash, user_id, scope, created_at, expires_at) VALUES (@appId, @tokenHash, @userId, @scope, @now, @expiresAt)",
            new { appId, tokenHash, userId, scope, now = w.NowMs, expiresAt }, w.Transaction);
        w.Connection.Execute("UPDATE embed_apps SET last_used_at = @now WHERE id = @appId", new { appId, now = w.NowMs }, w.Transaction);
    }

    /// <summary>Marks the token used if it still is usable; false when it was used, expired or never existed (single use, race-free in the writer).</summary>
    public static bool UseToken(WriteContext w, long tokenId) =>
        w.Connection.Execute("UPDATE embed_tokens SET used_at = @now WHERE id = @tokenId AND used_at IS NULL AND expires_at > @now",
            new { tokenId, now = w.NowMs }, w.Transaction) == 1;

    public sealed class AppRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string AllowedOrigins { get; init; } = "";
        public long CreatedAt { get; init; }
        public long? LastUsedAt { get; init; }
        public IReadOnlyList<string> Origins => Split(AllowedOrigins);
        public EmbedAppDto ToDto() => new(Id, Name, Origins, UnixMs.To(CreatedAt), UnixMs.To(LastUsedAt));
        internal static string[] Split(string origins) => origins.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public sealed class TokenRow
    {
        public long Id { get; init; }
        public long AppId { get; init; }
        public long UserId { get; init; }
        public string Scope { get; init; } = "";
        public long ExpiresAt { get; init; }
        public string AllowedOrigins { get; init; } = "";
    }
}
