using Dapper;
using Parley.Server.Features.Users;
using Parley.Server.Storage;

namespace Parley.Server.Features.Auth;

public sealed class SessionStore(Database database)
{
    private const string LiveSelect = """
        SELECT s.id, s.user_id AS UserId, s.created_at AS CreatedAt, s.last_seen_at AS LastSeenAt, s.expires_at AS ExpiresAt, s.user_agent AS UserAgent, s.scope AS Scope,
               u.id, u.username, u.display_name AS DisplayName, u.password_hash AS PasswordHash, u.auth_source AS AuthSource,
               u.external_id AS ExternalId, u.is_active AS IsActive, u.created_at AS CreatedAt, u.must_change_password AS MustChangePassword,
               u.kind AS Kind, (SELECT b.scopes FROM bots b WHERE b.user_id = u.id) AS BotScopes,
               (SELECT count(*) FROM user_totp t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS TotpEnabled,
               {roles} AS RoleList
        FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.revoked_at IS NULL AND s.expires_at > @nowMs AND u.is_active = 1
        """;

    /// <summary>The live session and its active user for a token hash, or null.</summary>
    public Task<(SessionRecord Session, UserRecord User)?> FindLiveAsync(byte[] tokenHash, long nowMs) =>
        FindLiveWhereAsync("s.token_hash = @tokenHash", new { tokenHash, nowMs });

    /// <summary>The live session and its active user by session id (a hub ticket names its session), or null.</summary>
    public Task<(SessionRecord Session, UserRecord User)?> FindLiveByIdAsync(long sessionId, long nowMs) =>
        FindLiveWhereAsync("s.id = @sessionId", new { sessionId, nowMs });

    private async Task<(SessionRecord Session, UserRecord User)?> FindLiveWhereAsync(string condition, object parameters)
    {
        await using var c = await database.OpenAsync();
        // The user's roles come with the session as one comma-separated column (role names are fixed identifiers without
        // commas): a token lookup, on every hub connect and every uncached request, is one round trip, not two.
        var roleList = $"(SELECT {Sql.JoinedText(c, "role", ",")} FROM user_roles r WHERE r.user_id = u.id)";
        var rows = (await c.QueryAsync<SessionRecord, UserRecord, string?, (SessionRecord, UserRecord)>(
            $"{LiveSelect.Replace("{roles}", roleList, StringComparison.Ordinal)} AND {condition}", (s, u, roles) =>
            {
                u.Roles = roles is null ? [] : [.. roles.Split(',').Order(StringComparer.Ordinal)];
                return (s, u);
            }, parameters, splitOn: "id,RoleList")).AsList();
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<SessionRecord>> ListLiveAsync(long userId, long nowMs)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<SessionRecord>(
            "SELECT id, user_id AS UserId, created_at AS CreatedAt, last_seen_at AS LastSeenAt, expires_at AS ExpiresAt, user_agent AS UserAgent FROM sessions WHERE user_id = @userId AND revoked_at IS NULL AND expires_at > @nowMs ORDER BY id DESC",
            new { userId, nowMs })).AsList();
    }

    public static long Insert(WriteContext w, long userId, byte[] tokenHash, long expiresAt, string? userAgent, string provider, string? scope = null) =>
        w.Connection.ExecuteScalar<long>(
            "INSERT INTO sessions(user_id, token_hash, created_at, last_seen_at, expires_at, user_agent, provider, scope) VALUES (@userId, @tokenHash, @now, @now, @expiresAt, @userAgent, @provider, @scope) RETURNING id",
            new { userId, tokenHash, now = w.NowMs, expiresAt, userAgent, provider, scope }, w.Transaction);

    /// <summary>
    /// Records when sessions were last used (session id → time; never moves a time back), one statement per 500.
    /// Every session of a statement gets the latest of their times: they were all seen while one writer item waited,
    /// far inside the granularity (a minute) that last_seen_at is kept to.
    /// </summary>
    public static int Touch(WriteContext w, IReadOnlyDictionary<long, long> seenAt)
    {
        var updated = 0;
        foreach (var chunk in seenAt.Chunk(500))
            updated += w.Connection.Execute($"UPDATE sessions SET last_seen_at = @nowMs WHERE {Sql.In(w.Connection, "id", "ids")} AND last_seen_at < @nowMs",
                new { ids = Sql.List(w.Connection, chunk.Select(kv => kv.Key)), nowMs = chunk.Max(kv => kv.Value) }, w.Transaction);
        return updated;
    }

    /// <summary>Revokes one session of a user (or all when <paramref name="sessionId"/> is null); returns the revoked ids.</summary>
    public static IReadOnlyList<long> Revoke(WriteContext w, long userId, long? sessionId, long? exceptSessionId = null) =>
        w.Connection.Query<long>(
            """
            UPDATE sessions SET revoked_at = @now
            WHERE user_id = @userId AND (@sessionId IS NULL OR id = @sessionId) AND (@exceptSessionId IS NULL OR id <> @exceptSessionId) AND revoked_at IS NULL
            RETURNING id
            """,
            new { userId, sessionId, exceptSessionId, now = w.NowMs }, w.Transaction).AsList();

}
