using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Push;

/// <summary>push_subscriptions and push_settings, and the few reads the sender needs about a message's audience.</summary>
public sealed class PushStore(Database database)
{
    public sealed record SubscriptionRow(long Id, long UserId, string Endpoint, string P256dh, string Auth, string? UserAgent, string Language,
        long CreatedAt, long? LastSuccessAt, string? LastError);

    /// <summary>Classes, not positional records: flags are integers in the database and Dapper converts them for properties only.</summary>
    public sealed class SettingsRow
    {
        public long UserId { get; init; }
        public bool HideContent { get; init; }
        public long? QuietStart { get; init; }
        public long? QuietEnd { get; init; }
        public string? TimeZone { get; init; }
        public long? PausedUntil { get; init; }
    }

    public sealed class Recipient
    {
        public long ConversationId { get; init; }
        public long UserId { get; init; }
        public bool Muted { get; init; }
    }

    public sealed record MessageContext(string Kind, string? ConversationName, string SenderName);

    private const string SubscriptionColumns =
        "p.id, p.user_id AS UserId, p.endpoint, p.p256dh AS P256dh, p.auth, p.user_agent AS UserAgent, p.language, p.created_at AS CreatedAt, p.last_success_at AS LastSuccessAt, p.last_error AS LastError";

    public async Task<IReadOnlyList<SubscriptionRow>> ListAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<SubscriptionRow>($"SELECT {SubscriptionColumns} FROM push_subscriptions p WHERE p.user_id = @userId ORDER BY p.id", new { userId })).AsList();
    }

    /// <summary>The subscriptions of these users whose registering session is still valid (not signed out, revoked or expired).</summary>
    public async Task<IReadOnlyList<SubscriptionRow>> DeliverableAsync(IReadOnlyCollection<long> userIds, long nowMs)
    {
        if (userIds.Count == 0) return [];
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<SubscriptionRow>(
            $"""
            SELECT {SubscriptionColumns} FROM push_subscriptions p
            JOIN sessions s ON s.id = p.session_id AND s.revoked_at IS NULL AND s.expires_at > @nowMs
            WHERE {Sql.In(c, "p.user_id", "ids")} AND (p.expires_at IS NULL OR p.expires_at > @nowMs)
            """,
            new { ids = Sql.List(c, userIds), nowMs })).AsList();
    }

    public async Task<SettingsRow?> SettingsAsync(long userId) => (await SettingsAsync([userId])).GetValueOrDefault(userId);

    public async Task<Dictionary<long, SettingsRow>> SettingsAsync(IReadOnlyCollection<long> userIds)
    {
        if (userIds.Count == 0) return [];
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<SettingsRow>(
                $"SELECT user_id AS UserId, hide_content AS HideContent, quiet_start AS QuietStart, quiet_end AS QuietEnd, time_zone AS TimeZone, paused_until AS PausedUntil FROM push_settings WHERE {Sql.In(c, "user_id", "ids")}",
                new { ids = Sql.List(c, userIds) }))
            .ToDictionary(r => r.UserId);
    }

    /// <summary>
    /// Active members of the conversation other than the sender, who are active users and have registered at least one
    /// device: nobody else can be pushed to, so a conversation without subscribers costs one indexed read per message
    /// instead of the whole push path (issue 21's CPU per message).
    /// </summary>
    /// <summary>
    /// The active members of these conversations who have a registered device, by conversation: one read for a whole
    /// batch of messages, and most conversations have none (then nothing else about their messages is read).
    /// </summary>
    public async Task<ILookup<long, Recipient>> RecipientsAsync(IReadOnlyCollection<long> conversationIds)
    {
        if (conversationIds.Count == 0) return Array.Empty<Recipient>().ToLookup(r => r.ConversationId);
        await using var c = await database.OpenAsync();
        var rows = await c.QueryAsync<Recipient>(
            $"""
            SELECT m.conversation_id AS ConversationId, m.user_id AS UserId, m.muted AS Muted FROM members m JOIN users u ON u.id = m.user_id
            WHERE {Sql.In(c, "m.conversation_id", "ids")} AND m.active = 1 AND u.is_active = 1
              AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.user_id = m.user_id)
            """,
            new { ids = Sql.List(c, conversationIds) });
        return rows.ToLookup(r => r.ConversationId);
    }

    public async Task<MessageContext?> MessageContextAsync(long conversationId, long senderId)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<MessageContext>(
            "SELECT c.kind, c.name AS ConversationName, u.display_name AS SenderName FROM conversations c JOIN users u ON u.id = @senderId WHERE c.id = @conversationId",
            new { conversationId, senderId });
    }

    public static SubscriptionRow? FindByEndpoint(WriteContext w, string endpoint) =>
        w.Connection.QuerySingleOrDefault<SubscriptionRow>($"SELECT {SubscriptionColumns} FROM push_subscriptions p WHERE p.endpoint = @endpoint", new { endpoint }, w.Transaction);

    public static int CountOf(WriteContext w, long userId) =>
        w.Connection.ExecuteScalar<int>("SELECT count(*) FROM push_subscriptions WHERE user_id = @userId", new { userId }, w.Transaction);

    public sealed record NewSubscription(long UserId, long SessionId, string Endpoint, string P256dh, string Auth, long? ExpiresAt, string? UserAgent, string Language);

    public static long Insert(WriteContext w, NewSubscription s) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO push_subscriptions(user_id, session_id, endpoint, p256dh, auth, expires_at, user_agent, language, created_at)
            VALUES (@UserId, @SessionId, @Endpoint, @P256dh, @Auth, @ExpiresAt, @UserAgent, @Language, @now) RETURNING id
            """,
            new { s.UserId, s.SessionId, s.Endpoint, s.P256dh, s.Auth, s.ExpiresAt, s.UserAgent, s.Language, now = w.NowMs }, w.Transaction);

    /// <summary>The same endpoint registered again (new keys, another session or another user of the same browser).</summary>
    public static void Replace(WriteContext w, long id, NewSubscription s) =>
        w.Connection.Execute(
            """
            UPDATE push_subscriptions SET user_id = @UserId, session_id = @SessionId, p256dh = @P256dh, auth = @Auth, expires_at = @ExpiresAt,
                user_agent = @UserAgent, language = @Language, last_error = NULL, failures = 0
            WHERE id = @id
            """,
            new { id, s.UserId, s.SessionId, s.P256dh, s.Auth, s.ExpiresAt, s.UserAgent, s.Language }, w.Transaction);

    public static bool Delete(WriteContext w, long userId, long id) =>
        w.Connection.Execute("DELETE FROM push_subscriptions WHERE id = @id AND user_id = @userId", new { id, userId }, w.Transaction) > 0;

    /// <summary>Outcomes of one round of sends: delivered, refused for good (404/410: removed), failed (kept, error noted).</summary>
    public static void RecordOutcomes(WriteContext w, IReadOnlyCollection<long> delivered, IReadOnlyCollection<long> gone, IReadOnlyCollection<(long Id, string Error)> failed)
    {
        if (delivered.Count > 0)
            w.Connection.Execute($"UPDATE push_subscriptions SET last_success_at = @now, last_error = NULL, failures = 0 WHERE {Sql.In(w.Connection, "id", "ids")}",
                new { ids = Sql.List(w.Connection, delivered), now = w.NowMs }, w.Transaction);
        if (gone.Count > 0)
            w.Connection.Execute($"DELETE FROM push_subscriptions WHERE {Sql.In(w.Connection, "id", "ids")}", new { ids = Sql.List(w.Connection, gone) }, w.Transaction);
        foreach (var (id, error) in failed)
            w.Connection.Execute("UPDATE push_subscriptions SET last_error = @error, failures = failures + 1 WHERE id = @id",
                new { id, error = error.Length > 300 ? error[..300] : error }, w.Transaction);
    }

    public static void SaveSettings(WriteContext w, SettingsRow s) =>
        w.Connection.Execute(
            """
            INSERT INTO push_settings(user_id, hide_content, quiet_start, quiet_end, time_zone, paused_until, updated_at)
            VALUES (@UserId, @hide, @QuietStart, @QuietEnd, @TimeZone, @PausedUntil, @now)
            ON CONFLICT (user_id) DO UPDATE SET hide_content = excluded.hide_content, quiet_start = excluded.quiet_start,
                quiet_end = excluded.quiet_end, time_zone = excluded.time_zone, paused_until = excluded.paused_until, updated_at = excluded.updated_at
            """,
            new { s.UserId, hide = Sql.Flag(s.HideContent), s.QuietStart, s.QuietEnd, s.TimeZone, s.PausedUntil, now = w.NowMs }, w.Transaction);
}
