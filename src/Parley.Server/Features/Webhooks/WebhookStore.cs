using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Webhooks;

/// <summary>SQL of outgoing webhooks: <c>webhooks</c> (subscriptions) and <c>webhook_deliveries</c> (the outbox and delivery log).</summary>
public sealed class WebhookStore(Database database)
{
    public sealed class HookRow
    {
        public long Id { get; init; }
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
        public string Events { get; init; } = "";
        public string ConversationIds { get; init; } = "";
        public string TriggerWords { get; init; } = "";
        public long Enabled { get; init; }
        public long CreatedBy { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }
        public long Pending { get; init; }
        public long Dead { get; init; }

        public IReadOnlyList<string> EventList => Parse<string>(Events);
        public IReadOnlyList<long> ConversationList => Parse<long>(ConversationIds);
        public IReadOnlyList<string> TriggerList => Parse<string>(TriggerWords);

        public WebhookDto ToDto() => new(Id, Url, EventList, ConversationList, TriggerList, Enabled == 1, CreatedBy, UnixMs.To(CreatedAt), UnixMs.To(UpdatedAt),
            (int)Pending, (int)Dead);
    }

    public sealed class DeliveryRow
    {
        public long Id { get; init; }
        public long WebhookId { get; init; }
        public string EventType { get; init; } = "";
        public long ConversationId { get; init; }
        public string Payload { get; init; } = "";
        public string Status { get; init; } = "";
        public long Attempts { get; init; }
        public long NextAttemptAt { get; init; }
        public long RetryUntil { get; init; }
        public long? LastStatus { get; init; }
        public string? LastError { get; init; }
        public long CreatedAt { get; init; }
        public long? DeliveredAt { get; init; }

        /// <summary>The webhook-id header: the row's id, the same on every attempt.</summary>
        public string MessageId => WebhookIdOf(Id);

        public WebhookDeliveryDto ToDto() => new(Id, MessageId, EventType, ConversationId, Status, (int)Attempts, (int?)LastStatus, LastError,
            UnixMs.To(CreatedAt), Status == WebhookDeliveryStatus.Pending ? UnixMs.To(NextAttemptAt) : null, UnixMs.To(DeliveredAt));
    }

    /// <summary>A delivery to send, with what signing it needs.</summary>
    public sealed class DueRow
    {
        public long Id { get; init; }
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
        public string Payload { get; init; } = "";
        public long Attempts { get; init; }
        public long RetryUntil { get; init; }
    }

    public static string WebhookIdOf(long deliveryId) => "msg_" + deliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Json<T>(IReadOnlyCollection<T>? values) => values is null || values.Count == 0 ? "" : JsonSerializer.Serialize(values);

    private static IReadOnlyList<T> Parse<T>(string json) => json.Length == 0 ? [] : JsonSerializer.Deserialize<T[]>(json) ?? [];

    private const string Hook = """
        h.id, h.url, h.secret, h.events, h.conversation_ids AS ConversationIds, h.trigger_words AS TriggerWords, h.enabled,
        h.created_by AS CreatedBy, h.created_at AS CreatedAt, h.updated_at AS UpdatedAt,
        (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = h.id AND d.status = 'pending') AS Pending,
        (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = h.id AND d.status = 'dead') AS Dead
        """;

    private const string Delivery = """
        id, webhook_id AS WebhookId, event_type AS EventType, conversation_id AS ConversationId, payload, status, attempts,
        next_attempt_at AS NextAttemptAt, retry_until AS RetryUntil, last_status AS LastStatus, last_error AS LastError,
        created_at AS CreatedAt, delivered_at AS DeliveredAt
        """;

    public async Task<IReadOnlyList<HookRow>> ListAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<HookRow>($"SELECT {Hook} FROM webhooks h ORDER BY h.id")).AsList();
    }

    public async Task<IReadOnlyList<HookRow>> EnabledAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return (await c.QueryAsync<HookRow>(new CommandDefinition(
            "SELECT h.id, h.url, h.events, h.conversation_ids AS ConversationIds, h.trigger_words AS TriggerWords, h.enabled, h.created_at AS CreatedAt FROM webhooks h WHERE h.enabled = 1",
            cancellationToken: ct))).AsList();
    }

    public async Task<HookRow?> FindAsync(long id)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<HookRow>($"SELECT {Hook} FROM webhooks h WHERE h.id = @id", new { id });
    }

    public static long Insert(WriteContext w, string url, string secret, string events, string conversationIds, string triggerWords, long createdBy) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO webhooks(url, secret, events, conversation_ids, trigger_words, enabled, created_by, created_at, updated_at)
            VALUES (@url, @secret, @events, @conversationIds, @triggerWords, 1, @createdBy, @now, @now) RETURNING id
            """, new { url, secret, events, conversationIds, triggerWords, createdBy, now = w.NowMs }, w.Transaction);

    public static bool Update(WriteContext w, long id, string? url, string? events, string? conversationIds, string? triggerWords, bool? enabled) =>
        w.Connection.Execute(
            """
            UPDATE webhooks SET url = COALESCE(@url, url), events = COALESCE(@events, events),
                conversation_ids = COALESCE(@conversationIds, conversation_ids), trigger_words = COALESCE(@triggerWords, trigger_words),
                enabled = COALESCE(@enabled, enabled), updated_at = @now
            WHERE id = @id
            """, new { id, url, events, conversationIds, triggerWords, enabled = enabled is { } e ? (long?)(e ? 1 : 0) : null, now = w.NowMs }, w.Transaction) == 1;

    public static bool Delete(WriteContext w, long id)
    {
        w.Connection.Execute("DELETE FROM webhook_deliveries WHERE webhook_id = @id", new { id }, w.Transaction);
        return w.Connection.Execute("DELETE FROM webhooks WHERE id = @id", new { id }, w.Transaction) == 1;
    }

    public async Task<IReadOnlyList<DeliveryRow>> DeliveriesAsync(long webhookId, string? status, long? beforeId, int limit)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<DeliveryRow>(
            $"""
            SELECT {Delivery} FROM webhook_deliveries
            WHERE webhook_id = @webhookId AND (@status IS NULL OR status = @status) AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC LIMIT @limit
            """, new { webhookId, status, beforeId, limit })).AsList();
    }

    /// <summary>Appends deliveries to the outbox; a (webhook, event) pair already there is left as it is (a replayed batch).</summary>
    public static void Enqueue(WriteContext w, IEnumerable<(long WebhookId, long EventId, string EventType, long ConversationId, string Payload)> rows, long retryUntil)
    {
        foreach (var r in rows)
            w.Connection.Execute(
                """
                INSERT INTO webhook_deliveries(webhook_id, event_id, event_type, conversation_id, payload, status, attempts, next_attempt_at, retry_until, created_at)
                VALUES (@WebhookId, @EventId, @EventType, @ConversationId, @Payload, 'pending', 0, @now, @retryUntil, @now)
                ON CONFLICT (webhook_id, event_id) DO NOTHING
                """, new { r.WebhookId, r.EventId, r.EventType, r.ConversationId, r.Payload, retryUntil, now = w.NowMs }, w.Transaction);
    }

    /// <summary>
    /// The oldest pending delivery of each (enabled webhook, conversation), if it is due: later ones of the same
    /// conversation wait behind it, so a receiver sees each conversation's events in order.
    /// </summary>
    public async Task<IReadOnlyList<DueRow>> DueAsync(long now, int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return (await c.QueryAsync<DueRow>(new CommandDefinition(
            """
            SELECT d.id, h.url, h.secret, d.payload, d.attempts, d.retry_until AS RetryUntil
            FROM (SELECT webhook_id, conversation_id, min(id) AS id FROM webhook_deliveries WHERE status = 'pending' GROUP BY webhook_id, conversation_id) heads
            JOIN webhook_deliveries d ON d.id = heads.id
            JOIN webhooks h ON h.id = d.webhook_id AND h.enabled = 1
            WHERE d.next_attempt_at <= @now
            ORDER BY d.id LIMIT @limit
            """, new { now, limit }, cancellationToken: ct))).AsList();
    }

    public static void Delivered(WriteContext w, long id, int status) =>
        w.Connection.Execute(
            "UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status = @status, last_error = NULL, delivered_at = @now WHERE id = @id AND status = 'pending'",
            new { id, status, now = w.NowMs }, w.Transaction);

    /// <summary>Records a failed attempt: retried at <paramref name="nextAttemptAt"/>, or dead when that is past its retry_until.</summary>
    public static void Failed(WriteContext w, long id, int? status, string error, long nextAttemptAt) =>
        w.Connection.Execute(
            """
            UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = @status, last_error = @error, next_attempt_at = @nextAttemptAt,
                status = CASE WHEN @nextAttemptAt > retry_until THEN 'dead' ELSE 'pending' END
            WHERE id = @id AND status = 'pending'
            """, new { id, status, error = error.Length > 500 ? error[..500] : error, nextAttemptAt }, w.Transaction);

    /// <summary>Removes delivered rows older than <paramref name="before"/> from the delivery log.</summary>
    public static int PurgeDelivered(WriteContext w, long before) =>
        w.Connection.Execute("DELETE FROM webhook_deliveries WHERE status = 'delivered' AND delivered_at < @before", new { before }, w.Transaction);

    /// <summary>Puts dead deliveries (one, or all of the webhook's) back in the queue with a new retry window.</summary>
    public static int Replay(WriteContext w, long webhookId, long? deliveryId, long retryUntil) =>
        w.Connection.Execute(
            """
            UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = @now, retry_until = @retryUntil
            WHERE webhook_id = @webhookId AND status = 'dead' AND (@deliveryId IS NULL OR id = @deliveryId)
            """, new { webhookId, deliveryId, retryUntil, now = w.NowMs }, w.Transaction);

    /// <summary>What the payloads need about conversations: kind (direct conversations are only sent when named).</summary>
    public async Task<IReadOnlyDictionary<long, string>> KindsAsync(IReadOnlyCollection<long> conversationIds, CancellationToken ct)
    {
        if (conversationIds.Count == 0) return new Dictionary<long, string>();
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Id, string Kind)>(new CommandDefinition(
            $"SELECT id, kind FROM conversations WHERE {Sql.In(c, "id", "ids")}", new { ids = Sql.List(c, conversationIds) }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.Kind);
    }

    public sealed class MessageRow
    {
        public long Id { get; init; }
        public long ConversationId { get; init; }
        public long Seq { get; init; }
        public long SenderId { get; init; }
        public string Username { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Text { get; init; } = "";
        public long? ThreadRootId { get; init; }
        public long CreatedAt { get; init; }
        public long? EditedAt { get; init; }
        public long Gone { get; init; }
    }

    public async Task<IReadOnlyDictionary<long, MessageRow>> MessagesAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<long, MessageRow>();
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<MessageRow>(new CommandDefinition(
            $"""
            SELECT m.id, m.conversation_id AS ConversationId, m.seq, m.sender_id AS SenderId, u.username, u.display_name AS DisplayName,
                   m.text, m.thread_root_id AS ThreadRootId, m.created_at AS CreatedAt, m.edited_at AS EditedAt,
                   CASE WHEN m.deleted_at IS NOT NULL OR m.recalled_at IS NOT NULL OR m.purged_at IS NOT NULL THEN 1 ELSE 0 END AS Gone
            FROM messages m JOIN users u ON u.id = m.sender_id WHERE {Sql.In(c, "m.id", "ids")}
            """, new { ids = Sql.List(c, ids) }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id);
    }

    public async Task<IReadOnlyDictionary<long, (string Username, string DisplayName)>> UsersAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<long, (string, string)>();
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Id, string Username, string DisplayName)>(new CommandDefinition(
            $"SELECT id, username, display_name FROM users WHERE {Sql.In(c, "id", "ids")}", new { ids = Sql.List(c, ids) }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => (r.Username, r.DisplayName));
    }
}
