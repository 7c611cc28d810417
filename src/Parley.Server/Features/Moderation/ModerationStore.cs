using Dapper;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Moderation;

public sealed record ModerationRuleRecord(long Id, string Pattern, string Folded, string Action, string ConversationIds, long? CreatedBy, long CreatedAt,
    string Scope = "all", string ExemptUserIds = "", string ExemptConversationIds = "", long Pinyin = 0)
{
    /// <summary>The rule also matches its pinyin (the column is an integer flag, which Dapper maps by constructor type).</summary>
    public bool MatchesPinyin => Pinyin != 0;
}

/// <summary>What a rule set needs besides its rules: the global exemptions and the external users.</summary>
public sealed record RuleContext(IReadOnlySet<long> ExemptUsers, IReadOnlySet<long> ExemptConversations, IReadOnlySet<long> ExternalUsers)
{
    public static readonly RuleContext Empty = new(new HashSet<long>(), new HashSet<long>(), new HashSet<long>());
}

/// <summary>A content.flagged system event with the message text as it is now, and its review if any.</summary>
public sealed record FlagRow(
    long Id, long CreatedAt, long? ActorId, string? UserName, long? ConversationId, string? ConversationKind, string? ConversationName,
    string? Data, string? Text, string? Decision, long? ReviewerId, string? Note, long? ReviewedAt);

/// <summary>SQL for sensitive-word rules and flag reviews. Reads take a pooled connection; writes run in the group commit.</summary>
public sealed class ModerationStore(Database database)
{
    public const string UserTarget = "user";
    public const string ConversationTarget = "conversation";

    private const string Columns = "id, pattern, folded, action, conversation_ids AS ConversationIds, created_by AS CreatedBy, created_at AS CreatedAt, "
        + "scope, exempt_user_ids AS ExemptUserIds, exempt_conversation_ids AS ExemptConversationIds, pinyin";

    public async Task<IReadOnlyList<ModerationRuleRecord>> ListAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<ModerationRuleRecord>($"SELECT {Columns} FROM moderation_rules ORDER BY id")).AsList();
    }

    /// <summary>The global exemptions and the external users, read with the rules when a node compiles them.</summary>
    public async Task<RuleContext> ContextAsync()
    {
        await using var c = await database.OpenAsync();
        var exemptions = (await c.QueryAsync<(string Type, long Id)>("SELECT target_type, target_id FROM moderation_exemptions")).AsList();
        var external = (await c.QueryAsync<long>("SELECT id FROM users WHERE is_external = 1")).ToHashSet();
        return new RuleContext(
            exemptions.Where(e => e.Type == UserTarget).Select(e => e.Id).ToHashSet(),
            exemptions.Where(e => e.Type == ConversationTarget).Select(e => e.Id).ToHashSet(), external);
    }

    /// <summary>Replaces the global exemptions.</summary>
    public static void SetExemptions(WriteContext w, IReadOnlyCollection<long> userIds, IReadOnlyCollection<long> conversationIds, long? by)
    {
        w.Connection.Execute("DELETE FROM moderation_exemptions", transaction: w.Transaction);
        foreach (var (type, id) in userIds.Select(u => (UserTarget, u)).Concat(conversationIds.Select(c => (ConversationTarget, c))))
            w.Connection.Execute("INSERT INTO moderation_exemptions(target_type, target_id, created_by, created_at) VALUES (@type, @id, @by, @now)",
                new { type, id, by, now = w.NowMs }, w.Transaction);
    }

    public static ModerationRuleRecord? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<ModerationRuleRecord>($"SELECT {Columns} FROM moderation_rules WHERE id = @id", new { id }, w.Transaction);

    public static bool Exists(WriteContext w, string folded, string scope, string conversationIds) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM moderation_rules WHERE folded = @folded AND scope = @scope AND conversation_ids = @conversationIds",
            new { folded, scope, conversationIds }, w.Transaction) > 0;

    public static long Count(WriteContext w) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM moderation_rules", transaction: w.Transaction);

    public static long Insert(WriteContext w, ModerationRuleRecord rule) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO moderation_rules(pattern, folded, action, conversation_ids, created_by, created_at, scope, exempt_user_ids, exempt_conversation_ids, pinyin)
            VALUES (@Pattern, @Folded, @Action, @ConversationIds, @CreatedBy, @now, @Scope, @ExemptUserIds, @ExemptConversationIds, @pinyin) RETURNING id
            """, new { rule.Pattern, rule.Folded, rule.Action, rule.ConversationIds, rule.CreatedBy, now = w.NowMs, rule.Scope, rule.ExemptUserIds,
                rule.ExemptConversationIds, pinyin = rule.Pinyin }, w.Transaction);

    public static bool Delete(WriteContext w, long id) =>
        w.Connection.Execute("DELETE FROM moderation_rules WHERE id = @id", new { id }, w.Transaction) > 0;

    /// <summary>Flags newest first, before <paramref name="before"/> (an event id); <paramref name="open"/> leaves out reviewed ones.</summary>
    public async Task<IReadOnlyList<FlagRow>> FlagsAsync(long? before, bool open, int limit)
    {
        await using var c = await database.OpenAsync();
        // The message id is inside the event's JSON; each provider reads it its own way.
        var messageId = Sql.IsPostgres(c) ? "CAST(e.data AS jsonb) ->> 'messageId'" : "json_extract(e.data, '$.messageId')";
        return (await c.QueryAsync<FlagRow>(
            $"""
            SELECT e.id, e.created_at AS CreatedAt, e.actor_id AS ActorId, u.display_name AS UserName, e.conversation_id AS ConversationId,
                   c.kind AS ConversationKind, c.name AS ConversationName, e.data,
                   m.text AS Text, r.decision, r.reviewer_id AS ReviewerId, r.note, r.created_at AS ReviewedAt
            FROM system_events e
            LEFT JOIN users u ON u.id = e.actor_id
            LEFT JOIN conversations c ON c.id = e.conversation_id
            LEFT JOIN messages m ON m.id = CAST({messageId} AS BIGINT)
            LEFT JOIN moderation_reviews r ON r.flag_id = e.id
            WHERE e.type = @type AND (@before IS NULL OR e.id < @before) AND (@open = 0 OR r.flag_id IS NULL)
            ORDER BY e.id DESC LIMIT @limit
            """, new { type = SystemEventTypes.ContentFlagged, before, open = Sql.Flag(open), limit })).AsList();
    }

    public static (long? ConversationId, string? Data)? FlagEvent(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<(long?, string?)?>(
            "SELECT conversation_id, data FROM system_events WHERE id = @id AND type = @type",
            new { id, type = SystemEventTypes.ContentFlagged }, w.Transaction);

    /// <summary>Records the decision; false when the flag was already reviewed.</summary>
    public static bool Review(WriteContext w, long flagId, string decision, long? reviewerId, string? note) =>
        w.Connection.Execute(
            """
            INSERT INTO moderation_reviews(flag_id, decision, reviewer_id, note, created_at) VALUES (@flagId, @decision, @reviewerId, @note, @now)
            ON CONFLICT (flag_id) DO NOTHING
            """, new { flagId, decision, reviewerId, note, now = w.NowMs }, w.Transaction) > 0;
}
