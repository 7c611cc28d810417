using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Urgent;

/// <summary>SQL of urgent messages: one <c>urgent_targets</c> row per member asked to acknowledge a message.</summary>
public sealed class UrgentStore(Database database)
{
    public sealed class TargetRow
    {
        public long MessageId { get; init; }
        public long UserId { get; init; }
        public long ConversationId { get; init; }
        public long RequestedBy { get; init; }
        public long RequestedAt { get; init; }
        public long? AckedAt { get; init; }
        public int EscalationAttempts { get; init; }

        public UrgentTargetDto ToDto() => new(UserId, UnixMs.To(RequestedAt), UnixMs.To(AckedAt));
    }

    public sealed class PendingRow
    {
        public long MessageId { get; init; }
        public long ConversationId { get; init; }
        public long Seq { get; init; }
        public long SenderId { get; init; }
        public string Text { get; init; } = "";
        public long FileCount { get; init; }
        public long RequestedAt { get; init; }

        public PendingUrgentDto ToDto() => new(MessageId, ConversationId, Seq, SenderId, UrgentPreview.Of(Text), FileCount > 0, UnixMs.To(RequestedAt));
    }

    // A class, not a positional record: on SQLite an aggregate over no rows has no column type, and Dapper then finds
    // no matching constructor (a 500 on every page without urgent messages); properties are converted instead.
    private sealed class CountRow
    {
        public long MessageId { get; init; }
        public long Targets { get; init; }
        public long Acknowledged { get; init; }
    }

    private const string Target = """
        t.message_id AS MessageId, t.user_id AS UserId, t.conversation_id AS ConversationId, t.requested_by AS RequestedBy,
        t.requested_at AS RequestedAt, t.acked_at AS AckedAt, t.escalation_attempts AS EscalationAttempts
        """;

    private const string Counts = "SELECT message_id AS MessageId, count(*) AS Targets, count(acked_at) AS Acknowledged FROM urgent_targets";

    /// <summary>The wire summary of many messages in one query (history pages, catch-up); messages that are not urgent are absent.</summary>
    public async Task<IReadOnlyDictionary<long, MessageUrgentDto>> SummariesAsync(IReadOnlyCollection<long> messageIds)
    {
        if (messageIds.Count == 0) return new Dictionary<long, MessageUrgentDto>();
        await using var c = await database.OpenAsync();
        var rows = await c.QueryAsync<CountRow>($"{Counts} WHERE {Sql.In(c, "message_id", "ids")} GROUP BY message_id", new { ids = Sql.List(c, messageIds) });
        return rows.ToDictionary(r => r.MessageId, r => new MessageUrgentDto((int)r.Targets, (int)r.Acknowledged));
    }

    public async Task<IReadOnlyList<TargetRow>> TargetsAsync(long messageId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<TargetRow>($"SELECT {Target} FROM urgent_targets t WHERE t.message_id = @messageId ORDER BY t.requested_at, t.user_id", new { messageId })).AsList();
    }

    /// <summary>The user's unacknowledged urgent messages in conversations they are still in, newest first.</summary>
    public async Task<IReadOnlyList<PendingRow>> PendingAsync(long userId, int limit)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<PendingRow>(
            """
            SELECT t.message_id AS MessageId, t.conversation_id AS ConversationId, m.seq, m.sender_id AS SenderId, m.text,
                   (SELECT count(*) FROM files f WHERE f.message_id = m.id) AS FileCount, t.requested_at AS RequestedAt
            FROM urgent_targets t
            JOIN messages m ON m.id = t.message_id
            JOIN members mb ON mb.conversation_id = t.conversation_id AND mb.user_id = t.user_id AND mb.active = 1
            WHERE t.user_id = @userId AND t.acked_at IS NULL
            ORDER BY t.requested_at DESC, t.message_id DESC LIMIT @limit
            """, new { userId, limit })).AsList();
    }

    /// <summary>Targets still unacknowledged and not yet escalated that were asked before <paramref name="requestedBefore"/> (members only).</summary>
    public async Task<IReadOnlyList<TargetRow>> DueAsync(long requestedBefore, int limit)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<TargetRow>(
            $"""
            SELECT {Target} FROM urgent_targets t
            JOIN members mb ON mb.conversation_id = t.conversation_id AND mb.user_id = t.user_id AND mb.active = 1
            WHERE t.acked_at IS NULL AND t.escalated_at IS NULL AND t.requested_at <= @requestedBefore
            ORDER BY t.requested_at LIMIT @limit
            """, new { requestedBefore, limit })).AsList();
    }

    public sealed class ContactRow
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? Phone { get; init; }
    }

    /// <summary>Names and phone numbers for an escalation (what an SMS or phone provider needs).</summary>
    public async Task<IReadOnlyDictionary<long, ContactRow>> ContactsAsync(IReadOnlyCollection<long> userIds)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<ContactRow>($"SELECT id, username, display_name AS DisplayName, phone FROM users WHERE {Sql.In(c, "id", "ids")}",
            new { ids = Sql.List(c, userIds) })).ToDictionary(r => r.Id);
    }

    // ---- writes (inside the group-commit transaction) ----

    public static MessageUrgentDto? Summary(WriteContext w, long messageId) =>
        w.Connection.QuerySingleOrDefault<CountRow>($"{Counts} WHERE message_id = @messageId GROUP BY message_id", new { messageId }, w.Transaction) is { } r
            ? new MessageUrgentDto((int)r.Targets, (int)r.Acknowledged)
            : null;

    public static IReadOnlyList<TargetRow> Targets(WriteContext w, long messageId) =>
        w.Connection.Query<TargetRow>($"SELECT {Target} FROM urgent_targets t WHERE t.message_id = @messageId ORDER BY t.requested_at, t.user_id", new { messageId }, w.Transaction).AsList();

    /// <summary>Which of these users are active members of the conversation.</summary>
    public static IReadOnlySet<long> ActiveMembers(WriteContext w, long conversationId, IReadOnlyCollection<long> userIds) =>
        w.Connection.Query<long>($"SELECT user_id FROM members WHERE conversation_id = @conversationId AND active = 1 AND {Sql.In(w.Connection, "user_id", "ids")}",
            new { conversationId, ids = Sql.List(w.Connection, userIds) }, w.Transaction).ToHashSet();

    /// <summary>True when the row is new (a user already asked stays as they were).</summary>
    public static bool Insert(WriteContext w, long messageId, long conversationId, long userId, long requestedBy) =>
        w.Connection.Execute(
            """
            INSERT INTO urgent_targets(message_id, user_id, conversation_id, requested_by, requested_at)
            VALUES (@messageId, @userId, @conversationId, @requestedBy, @now) ON CONFLICT DO NOTHING
            """, new { messageId, userId, conversationId, requestedBy, now = w.NowMs }, w.Transaction) > 0;

    /// <summary>True when this acknowledged a pending request; false when there was none pending (absent, or acknowledged before).</summary>
    public static bool Acknowledge(WriteContext w, long messageId, long userId) =>
        w.Connection.Execute("UPDATE urgent_targets SET acked_at = @now WHERE message_id = @messageId AND user_id = @userId AND acked_at IS NULL",
            new { messageId, userId, now = w.NowMs }, w.Transaction) > 0;

    /// <summary>Removes every request of a message (deleted or recalled) and returns the users who had not acknowledged.</summary>
    public static IReadOnlyList<long> Clear(WriteContext w, long messageId)
    {
        var pending = w.Connection.Query<long>("SELECT user_id FROM urgent_targets WHERE message_id = @messageId AND acked_at IS NULL", new { messageId }, w.Transaction).AsList();
        w.Connection.Execute("DELETE FROM urgent_targets WHERE message_id = @messageId", new { messageId }, w.Transaction);
        return pending;
    }

    /// <summary>Claims a due target for escalation: true for exactly one caller, and only while it is still unacknowledged.</summary>
    public static bool ClaimEscalation(WriteContext w, long messageId, long userId) =>
        w.Connection.Execute(
            """
            UPDATE urgent_targets SET escalated_at = @now, escalation_attempts = escalation_attempts + 1
            WHERE message_id = @messageId AND user_id = @userId AND acked_at IS NULL AND escalated_at IS NULL
            """, new { messageId, userId, now = w.NowMs }, w.Transaction) == 1;

    /// <summary>After a failed escalation: due again at the next poll, unless <paramref name="maxAttempts"/> were spent.</summary>
    public static void ReleaseEscalation(WriteContext w, long messageId, long userId, int maxAttempts) =>
        w.Connection.Execute("UPDATE urgent_targets SET escalated_at = NULL WHERE message_id = @messageId AND user_id = @userId AND escalation_attempts < @maxAttempts",
            new { messageId, userId, maxAttempts }, w.Transaction);
}

/// <summary>The start of a message's text for banners and escalations: one line, at most 140 characters.</summary>
public static class UrgentPreview
{
    public const int MaxLength = 140;

    public static string Of(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (line.Length <= MaxLength) return line;
        var cut = char.IsHighSurrogate(line[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return line[..cut] + "…";
    }
}
