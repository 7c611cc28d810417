using System.Data.Common;
using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Service;

/// <summary>SQL of customer service: queues, agents, widgets, service conversations, notes and canned replies.</summary>
public sealed class ServiceStore(Database database)
{
    public sealed class QueueRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Routing { get; init; } = ServiceRouting.RoundRobin;
    }

    public sealed class AgentRow
    {
        public long QueueId { get; init; }
        public long UserId { get; init; }
        public string DisplayName { get; init; } = "";
        public long Capacity { get; init; }
        public long LastOfferedAt { get; init; }
        /// <summary>Assigned conversations plus waiting ones offered to the agent (an offer holds a place until answered).</summary>
        public long Open { get; init; }
        public string SkillsJson { get; init; } = "[]";

        public IReadOnlyList<string> Skills => ServiceSkills.FromJson(SkillsJson);
    }

    public sealed class WidgetRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public long QueueId { get; init; }
        public string? Color { get; init; }
        public string? Greeting { get; init; }
        public string? GreetingZh { get; init; }
        public string? LogoUrl { get; init; }
        public string AllowedOrigins { get; init; } = "[]";
        public long BotUserId { get; init; }
        public string IdentitySecret { get; init; } = "";
        public long CreatedAt { get; init; }
        public string RequiredSkillsJson { get; init; } = "[]";

        public IReadOnlyList<string> Origins => JsonSerializer.Deserialize<string[]>(AllowedOrigins) ?? [];
        public IReadOnlyList<string> RequiredSkills => ServiceSkills.FromJson(RequiredSkillsJson);

        public ServiceWidgetDto ToDto(string? secret = null) =>
            new(Id, Name, QueueId, Color, Greeting, GreetingZh, LogoUrl, Origins, BotUserId, secret, UnixMs.To(CreatedAt), RequiredSkills);

        public ServiceWidgetPublicDto ToPublicDto() => new(Id, Name, Color, Greeting, GreetingZh, LogoUrl);
    }

    public sealed class ConversationRow
    {
        public long ConversationId { get; init; }
        public long WidgetId { get; init; }
        public long QueueId { get; init; }
        public string State { get; init; } = ServiceStates.Waiting;
        public long VisitorUserId { get; init; }
        public string? VisitorKey { get; init; }
        public string VisitorName { get; init; } = "";
        public string? VisitorEmail { get; init; }
        public string? Page { get; init; }
        public string? Referrer { get; init; }
        public string? UserAgent { get; init; }
        public string? Language { get; init; }
        public long? AgentUserId { get; init; }
        public long? OfferedTo { get; init; }
        public long? PreviousAgentId { get; init; }
        public long BotTurns { get; init; }
        public long CreatedAt { get; init; }
        public long? WaitingSince { get; init; }
        public long? AssignedAt { get; init; }
        public long? ClosedAt { get; init; }
        public string? Summary { get; init; }
        public long? Rating { get; init; }
        public string? RatingComment { get; init; }
        public long Previous { get; init; }
        public string RequiredSkillsJson { get; init; } = "[]";

        public IReadOnlyList<string> RequiredSkills => ServiceSkills.FromJson(RequiredSkillsJson);

        public ServiceConversationDto ToDto() => new(
            ConversationId, WidgetId, QueueId, State, new ServiceVisitorDto(VisitorUserId, VisitorName, VisitorEmail, Page, Referrer, UserAgent),
            AgentUserId, OfferedTo, UnixMs.To(CreatedAt), UnixMs.To(WaitingSince), UnixMs.To(AssignedAt), UnixMs.To(ClosedAt),
            Summary, (int?)Rating, RatingComment, (int)Previous, RequiredSkills);
    }

    private const string WidgetColumns = """
        id, name, queue_id AS QueueId, color, greeting, greeting_zh AS GreetingZh, logo_url AS LogoUrl, allowed_origins AS AllowedOrigins,
        bot_user_id AS BotUserId, identity_secret AS IdentitySecret, created_at AS CreatedAt, required_skills AS RequiredSkillsJson
        """;

    // previous: earlier conversations of the same identified visitor (host-site subject) on the same widget.
    private const string ConversationColumns = """
        s.conversation_id AS ConversationId, s.widget_id AS WidgetId, s.queue_id AS QueueId, s.state, s.visitor_user_id AS VisitorUserId,
        s.visitor_key AS VisitorKey, s.visitor_name AS VisitorName, s.visitor_email AS VisitorEmail, s.page, s.referrer, s.user_agent AS UserAgent,
        s.language, s.agent_user_id AS AgentUserId, s.offered_to AS OfferedTo, s.previous_agent_id AS PreviousAgentId, s.bot_turns AS BotTurns,
        s.created_at AS CreatedAt, s.waiting_since AS WaitingSince, s.assigned_at AS AssignedAt, s.closed_at AS ClosedAt, s.summary,
        s.rating, s.rating_comment AS RatingComment, s.required_skills AS RequiredSkillsJson,
        CASE WHEN s.visitor_key IS NULL THEN 0 ELSE (SELECT count(*) FROM service_conversations p
            WHERE p.widget_id = s.widget_id AND p.visitor_key = s.visitor_key AND p.conversation_id < s.conversation_id) END AS Previous
        """;

    // ---- queues and agents

    public static long InsertQueue(WriteContext w, string name, string routing) =>
        w.Connection.ExecuteScalar<long>("INSERT INTO service_queues(name, routing, created_at) VALUES (@name, @routing, @now) RETURNING id",
            new { name, routing, now = w.NowMs }, w.Transaction);

    public static QueueRow? GetQueue(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<QueueRow>("SELECT id, name, routing FROM service_queues WHERE id = @id", new { id }, w.Transaction);

    public static QueueRow? FirstQueue(WriteContext w) =>
        w.Connection.QueryFirstOrDefault<QueueRow>("SELECT id, name, routing FROM service_queues ORDER BY id LIMIT 1", transaction: w.Transaction);

    public async Task<IReadOnlyList<QueueRow>> QueuesAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<QueueRow>("SELECT id, name, routing FROM service_queues ORDER BY id")).AsList();
    }

    /// <summary>Adds the agent or changes their capacity; skills null keeps the current ones (none for a new agent).</summary>
    public static void UpsertAgent(WriteContext w, long queueId, long userId, int capacity, IReadOnlyList<string>? skills) =>
        w.Connection.Execute("""
            INSERT INTO service_agents(queue_id, user_id, capacity, skills) VALUES (@queueId, @userId, @capacity, coalesce(@skills, '[]'))
            ON CONFLICT (queue_id, user_id) DO UPDATE SET capacity = excluded.capacity, skills = coalesce(@skills, service_agents.skills)
            """, new { queueId, userId, capacity, skills = skills is null ? null : ServiceSkills.ToJson(skills) }, w.Transaction);

    public static bool DeleteAgent(WriteContext w, long queueId, long userId) =>
        w.Connection.Execute("DELETE FROM service_agents WHERE queue_id = @queueId AND user_id = @userId", new { queueId, userId }, w.Transaction) > 0;

    private const string AgentQuery = """
        SELECT a.queue_id AS QueueId, a.user_id AS UserId, u.display_name AS DisplayName, a.capacity, a.last_offered_at AS LastOfferedAt, a.skills AS SkillsJson,
               (SELECT count(*) FROM service_conversations s WHERE (s.state = 'assigned' AND s.agent_user_id = a.user_id)
                    OR (s.state = 'waiting' AND s.offered_to = a.user_id)) AS Open
        FROM service_agents a JOIN users u ON u.id = a.user_id
        WHERE u.is_active = 1
        """;

    public static IReadOnlyList<AgentRow> Agents(WriteContext w, long queueId) =>
        w.Connection.Query<AgentRow>(AgentQuery + " AND a.queue_id = @queueId ORDER BY a.user_id", new { queueId }, w.Transaction).AsList();

    public async Task<IReadOnlyList<AgentRow>> AgentsAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<AgentRow>(AgentQuery + " ORDER BY a.queue_id, a.user_id")).AsList();
    }

    public async Task<IReadOnlyList<long>> AgentIdsAsync(long queueId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<long>("SELECT user_id FROM service_agents WHERE queue_id = @queueId", new { queueId })).AsList();
    }

    public static IReadOnlyList<long> AgentIds(WriteContext w, long queueId) =>
        w.Connection.Query<long>("SELECT user_id FROM service_agents WHERE queue_id = @queueId", new { queueId }, w.Transaction).AsList();

    public static bool IsAgent(DbConnection c, DbTransaction? tx, long queueId, long userId) =>
        c.ExecuteScalar<long>("SELECT count(*) FROM service_agents WHERE queue_id = @queueId AND user_id = @userId", new { queueId, userId }, tx) > 0;

    public async Task<bool> IsAgentAsync(long queueId, long userId)
    {
        await using var c = await database.OpenAsync();
        return IsAgent(c, null, queueId, userId);
    }

    public async Task<IReadOnlyList<long>> QueuesOfAgentAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<long>("SELECT queue_id FROM service_agents WHERE user_id = @userId ORDER BY queue_id", new { userId })).AsList();
    }

    public static void MarkOffered(WriteContext w, long queueId, long userId) =>
        w.Connection.Execute("UPDATE service_agents SET last_offered_at = @now WHERE queue_id = @queueId AND user_id = @userId",
            new { queueId, userId, now = w.NowMs }, w.Transaction);

    // ---- widgets

    public static long InsertWidget(WriteContext w, string name, long queueId, string? color, string? greeting, string? greetingZh, string? logoUrl,
        IReadOnlyList<string> origins, IReadOnlyList<string> requiredSkills, long botUserId, string secret, long? createdBy) =>
        w.Connection.ExecuteScalar<long>("""
            INSERT INTO service_widgets(name, queue_id, color, greeting, greeting_zh, logo_url, allowed_origins, required_skills, bot_user_id, identity_secret, created_by, created_at)
            VALUES (@name, @queueId, @color, @greeting, @greetingZh, @logoUrl, @origins, @skills, @botUserId, @secret, @createdBy, @now) RETURNING id
            """, new
            {
                name, queueId, color, greeting, greetingZh, logoUrl, origins = JsonSerializer.Serialize(origins), skills = ServiceSkills.ToJson(requiredSkills),
                botUserId, secret, createdBy, now = w.NowMs,
            }, w.Transaction);

    public static void UpdateWidget(WriteContext w, long id, string name, long queueId, string? color, string? greeting, string? greetingZh, string? logoUrl,
        IReadOnlyList<string> origins, IReadOnlyList<string> requiredSkills) =>
        w.Connection.Execute("""
            UPDATE service_widgets SET name = @name, queue_id = @queueId, color = @color, greeting = @greeting, greeting_zh = @greetingZh,
                logo_url = @logoUrl, allowed_origins = @origins, required_skills = @skills WHERE id = @id
            """, new { id, name, queueId, color, greeting, greetingZh, logoUrl, origins = JsonSerializer.Serialize(origins), skills = ServiceSkills.ToJson(requiredSkills) },
            w.Transaction);

    public static bool DeleteWidget(WriteContext w, long id) =>
        w.Connection.Execute("UPDATE service_widgets SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL", new { id, now = w.NowMs }, w.Transaction) > 0;

    public static WidgetRow? GetWidget(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<WidgetRow>($"SELECT {WidgetColumns} FROM service_widgets WHERE id = @id AND deleted_at IS NULL", new { id }, w.Transaction);

    public async Task<WidgetRow?> WidgetAsync(long id)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<WidgetRow>($"SELECT {WidgetColumns} FROM service_widgets WHERE id = @id AND deleted_at IS NULL", new { id });
    }

    /// <summary>The widget's service bot, also for a deleted widget (its conversations live on).</summary>
    public async Task<long?> BotUserIdAsync(long widgetId)
    {
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long?>("SELECT bot_user_id FROM service_widgets WHERE id = @widgetId", new { widgetId });
    }

    public async Task<IReadOnlyList<WidgetRow>> WidgetsAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<WidgetRow>($"SELECT {WidgetColumns} FROM service_widgets WHERE deleted_at IS NULL ORDER BY id")).AsList();
    }

    // ---- service conversations

    public static void InsertConversation(WriteContext w, long conversationId, WidgetRow widget, string state, long visitorId, string? visitorKey,
        string name, string? email, string? page, string? referrer, string? userAgent, string? language) =>
        w.Connection.Execute("""
            INSERT INTO service_conversations(conversation_id, widget_id, queue_id, state, visitor_user_id, visitor_key, visitor_name, visitor_email,
                page, referrer, user_agent, language, created_at, waiting_since, required_skills)
            VALUES (@conversationId, @widgetId, @queueId, @state, @visitorId, @visitorKey, @name, @email, @page, @referrer, @userAgent, @language, @now, @waiting, @skills)
            """, new
            {
                conversationId, widgetId = widget.Id, queueId = widget.QueueId, state, visitorId, visitorKey, name, email, page, referrer, userAgent, language,
                skills = widget.RequiredSkillsJson, // the widget's required skills when the conversation starts
                now = w.NowMs, waiting = state == ServiceStates.Waiting ? w.NowMs : (long?)null,
            }, w.Transaction);

    public static ConversationRow? GetConversation(WriteContext w, long conversationId) =>
        w.Connection.QuerySingleOrDefault<ConversationRow>($"SELECT {ConversationColumns} FROM service_conversations s WHERE s.conversation_id = @conversationId",
            new { conversationId }, w.Transaction);

    /// <summary>
    /// Whether <paramref name="userId"/> is the agent holding this service conversation (assigned to them). Agents join
    /// as plain members, yet the one holding a chat decides its auto-translation and its assistant (issue 18).
    /// </summary>
    public static bool IsHeldBy(ConversationRow? row, long userId) => row is { State: ServiceStates.Assigned } r && r.AgentUserId == userId;

    /// <summary>Which of these conversations are service conversations: one read for a batch of events, most of which are not.</summary>
    public async Task<HashSet<long>> ServiceConversationIdsAsync(IReadOnlyCollection<long> conversationIds)
    {
        if (conversationIds.Count == 0) return [];
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<long>($"SELECT conversation_id FROM service_conversations WHERE {Sql.In(c, "conversation_id", "ids")}",
            new { ids = Sql.List(c, conversationIds) })).ToHashSet();
    }

    public async Task<ConversationRow?> ConversationAsync(long conversationId)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<ConversationRow>($"SELECT {ConversationColumns} FROM service_conversations s WHERE s.conversation_id = @conversationId",
            new { conversationId });
    }

    /// <summary>Conversations in the given queues (null: every queue), optionally of one state and/or one agent, newest first.</summary>
    public async Task<IReadOnlyList<ConversationRow>> ConversationsAsync(IReadOnlyList<long>? queueIds, string? state, long? agentUserId, int limit)
    {
        await using var c = await database.OpenAsync();
        var where = new List<string> { "1 = 1" };
        if (queueIds is not null) where.Add(queueIds.Count == 0 ? "1 = 0" : Sql.In(c, "s.queue_id", "queueIds"));
        if (state is not null) where.Add("s.state = @state");
        if (agentUserId is not null) where.Add("(s.agent_user_id = @agentUserId OR (s.state = 'waiting' AND s.offered_to = @agentUserId))");
        return (await c.QueryAsync<ConversationRow>(
            $"SELECT {ConversationColumns} FROM service_conversations s WHERE {string.Join(" AND ", where)} ORDER BY s.conversation_id DESC LIMIT @limit",
            new { queueIds = queueIds is null ? null : Sql.List(c, queueIds), state, agentUserId, limit })).AsList();
    }

    /// <summary>Waiting conversations of a queue that nobody has been offered, oldest first.</summary>
    public static IReadOnlyList<ConversationRow> Unoffered(WriteContext w, long queueId) =>
        w.Connection.Query<ConversationRow>(
            $"SELECT {ConversationColumns} FROM service_conversations s WHERE s.queue_id = @queueId AND s.state = 'waiting' AND s.offered_to IS NULL ORDER BY s.waiting_since, s.conversation_id",
            new { queueId }, w.Transaction).AsList();

    /// <summary>Queues with a waiting conversation nobody is offered (the routing sweep's work), through the (queue_id, state) index.</summary>
    public async Task<IReadOnlyList<long>> QueuesWithUnofferedAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<long>("""
            SELECT q.id FROM service_queues q WHERE EXISTS (
                SELECT 1 FROM service_conversations s WHERE s.queue_id = q.id AND s.state = 'waiting' AND s.offered_to IS NULL)
            ORDER BY q.id
            """)).AsList();
    }

    /// <summary>To waiting (from bot, or a transfer): optionally into another queue, with who is offered it and who hands it over.</summary>
    public static void SetWaiting(WriteContext w, long conversationId, long queueId, long? previousAgentId) =>
        w.Connection.Execute("""
            UPDATE service_conversations SET state = 'waiting', queue_id = @queueId, waiting_since = @now, offered_to = NULL, agent_user_id = NULL,
                previous_agent_id = @previousAgentId WHERE conversation_id = @conversationId
            """, new { conversationId, queueId, previousAgentId, now = w.NowMs }, w.Transaction);

    public static void SetOffer(WriteContext w, long conversationId, long? userId) =>
        w.Connection.Execute("UPDATE service_conversations SET offered_to = @userId WHERE conversation_id = @conversationId", new { conversationId, userId }, w.Transaction);

    /// <summary>The accept race: only the first of several agents turns a waiting conversation into theirs.</summary>
    public static bool TryAssign(WriteContext w, long conversationId, long agentUserId) =>
        w.Connection.Execute("""
            UPDATE service_conversations SET state = 'assigned', agent_user_id = @agentUserId, offered_to = NULL, previous_agent_id = NULL, assigned_at = @now
            WHERE conversation_id = @conversationId AND state = 'waiting'
            """, new { conversationId, agentUserId, now = w.NowMs }, w.Transaction) == 1;

    public static bool Close(WriteContext w, long conversationId, string? summary) =>
        w.Connection.Execute("""
            UPDATE service_conversations SET state = 'closed', closed_at = @now, summary = @summary, offered_to = NULL
            WHERE conversation_id = @conversationId AND state <> 'closed'
            """, new { conversationId, summary, now = w.NowMs }, w.Transaction) == 1;

    public static bool Rate(WriteContext w, long conversationId, int score, string? comment) =>
        w.Connection.Execute("""
            UPDATE service_conversations SET rating = @score, rating_comment = @comment
            WHERE conversation_id = @conversationId AND state = 'closed' AND rating IS NULL
            """, new { conversationId, score, comment }, w.Transaction) == 1;

    public static int SetLanguage(WriteContext w, long conversationId, string language) =>
        w.Connection.Execute("UPDATE service_conversations SET language = @language WHERE conversation_id = @conversationId", new { conversationId, language }, w.Transaction);

    public static int SetBotTurns(WriteContext w, long conversationId, long turns) =>
        w.Connection.Execute("UPDATE service_conversations SET bot_turns = @turns WHERE conversation_id = @conversationId", new { conversationId, turns }, w.Transaction);

    public sealed class QueueCounts
    {
        public long QueueId { get; init; }
        public long Waiting { get; init; }
        public long Assigned { get; init; }
        public long? OldestWaiting { get; init; }
    }

    public async Task<IReadOnlyList<QueueCounts>> CountsAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<QueueCounts>("""
            SELECT queue_id AS QueueId, sum(CASE WHEN state = 'waiting' THEN 1 ELSE 0 END) AS Waiting,
                   sum(CASE WHEN state = 'assigned' THEN 1 ELSE 0 END) AS Assigned,
                   min(CASE WHEN state = 'waiting' THEN waiting_since END) AS OldestWaiting
            FROM service_conversations WHERE state IN ('waiting', 'assigned') GROUP BY queue_id
            """)).AsList();
    }

    public sealed class StatsRow
    {
        public long Waiting { get; init; }
        public long Assigned { get; init; }
        public long ClosedToday { get; init; }
        public double? AverageWaitMs { get; init; }
        public long Rated { get; init; }
        public double? AverageRating { get; init; }
    }

    public async Task<StatsRow> StatsAsync(IReadOnlyList<long>? queueIds, long dayStart)
    {
        await using var c = await database.OpenAsync();
        var scope = queueIds is null ? "1 = 1" : queueIds.Count == 0 ? "1 = 0" : Sql.In(c, "queue_id", "queueIds");
        return await c.QuerySingleAsync<StatsRow>($"""
            SELECT coalesce(sum(CASE WHEN state = 'waiting' THEN 1 ELSE 0 END), 0) AS Waiting,
                   coalesce(sum(CASE WHEN state = 'assigned' THEN 1 ELSE 0 END), 0) AS Assigned,
                   coalesce(sum(CASE WHEN state = 'closed' AND closed_at >= @dayStart THEN 1 ELSE 0 END), 0) AS ClosedToday,
                   avg(CASE WHEN assigned_at IS NOT NULL AND waiting_since IS NOT NULL AND assigned_at >= @dayStart THEN assigned_at - waiting_since END) AS AverageWaitMs,
                   count(rating) AS Rated,
                   avg(rating * 1.0) AS AverageRating
            FROM service_conversations WHERE {scope}
            """, new { dayStart, queueIds = queueIds is null ? null : Sql.List(c, queueIds) });
    }

    // ---- visitor retention (VisitorRetention)

    /// <summary>
    /// Visitors created before <paramref name="cutoff"/>, not erased, not under an active legal hold, with no service
    /// conversation that is open or was closed at or after the cutoff; oldest first.
    /// </summary>
    public async Task<IReadOnlyList<long>> VisitorsDueAsync(long cutoff, int limit)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<long>("""
            SELECT u.id FROM users u
            WHERE u.kind = 'visitor' AND u.erased_at IS NULL AND u.created_at < @cutoff
              AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.target_type = 'user' AND h.target_id = u.id AND h.released_at IS NULL)
              AND NOT EXISTS (SELECT 1 FROM service_conversations s WHERE s.visitor_user_id = u.id AND (s.state <> 'closed' OR s.closed_at >= @cutoff))
            ORDER BY u.id LIMIT @limit
            """, new { cutoff, limit })).AsList();
    }

    /// <summary>Part of a user's erasure (ErasureStore.Erase): what a visitor's service conversations kept of them (name, e-mail, page, referrer, browser, host-site subject).</summary>
    public static int ForgetVisitor(WriteContext w, long visitorUserId, string placeholderName) =>
        w.Connection.Execute("""
            UPDATE service_conversations SET visitor_name = @placeholderName, visitor_email = NULL, visitor_key = NULL, page = NULL, referrer = NULL,
                user_agent = NULL WHERE visitor_user_id = @visitorUserId
            """, new { visitorUserId, placeholderName }, w.Transaction);

    // ---- offline e-mail to visitors (VisitorOfflineEmail)

    /// <summary>When the conversation's visitor was last e-mailed, and up to which seq (null: never).</summary>
    public static (long LastSentAt, long LastSeq)? OfflineNotice(WriteContext w, long conversationId) =>
        w.Connection.QuerySingleOrDefault<(long LastSentAt, long LastSeq)?>(
            "SELECT last_sent_at, last_seq FROM email_conversation_notices WHERE conversation_id = @conversationId", new { conversationId }, w.Transaction);

    public static void SetOfflineNotice(WriteContext w, long conversationId, long lastSeq) =>
        w.Connection.Execute("""
            INSERT INTO email_conversation_notices(conversation_id, last_sent_at, last_seq) VALUES (@conversationId, @now, @lastSeq)
            ON CONFLICT (conversation_id) DO UPDATE SET last_sent_at = excluded.last_sent_at, last_seq = excluded.last_seq
            """, new { conversationId, now = w.NowMs, lastSeq }, w.Transaction);

    public sealed class MissedReply
    {
        public long Seq { get; init; }
        public string Sender { get; init; } = "";
        public string Text { get; init; } = "";
    }

    /// <summary>
    /// The newest <paramref name="max"/> texts others posted after seq <paramref name="after"/> and after the visitor's
    /// own last message (what they saw before leaving), oldest first.
    /// </summary>
    public static IReadOnlyList<MissedReply> MissedReplies(WriteContext w, long conversationId, long visitorUserId, long after, int max)
    {
        var rows = w.Connection.Query<MissedReply>("""
            SELECT m.seq, u.display_name AS Sender, m.text FROM messages m JOIN users u ON u.id = m.sender_id
            WHERE m.conversation_id = @conversationId AND m.sender_id <> @visitorUserId AND m.seq > @after
              AND m.seq > COALESCE((SELECT max(v.seq) FROM messages v WHERE v.conversation_id = @conversationId AND v.sender_id = @visitorUserId), 0)
              AND m.deleted_at IS NULL AND m.recalled_at IS NULL AND m.purged_at IS NULL AND m.text <> ''
            ORDER BY m.seq DESC LIMIT @max
            """, new { conversationId, visitorUserId, after, max }, w.Transaction).AsList();
        rows.Reverse();
        return rows;
    }

    // ---- notes and canned replies

    public static long InsertNote(WriteContext w, long conversationId, long authorId, string text) =>
        w.Connection.ExecuteScalar<long>("INSERT INTO service_notes(conversation_id, author_id, text, created_at) VALUES (@conversationId, @authorId, @text, @now) RETURNING id",
            new { conversationId, authorId, text, now = w.NowMs }, w.Transaction);

    public async Task<IReadOnlyList<ServiceNoteDto>> NotesAsync(long conversationId)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<(long Id, long AuthorId, string Text, long CreatedAt)>(
                "SELECT id, author_id, text, created_at FROM service_notes WHERE conversation_id = @conversationId ORDER BY id", new { conversationId }))
            .Select(n => new ServiceNoteDto(n.Id, n.AuthorId, n.Text, UnixMs.To(n.CreatedAt))).ToList();
    }

    public static long? InsertCannedReply(WriteContext w, string shortcut, string text, long? createdBy) =>
        w.Connection.ExecuteScalar<long?>("""
            INSERT INTO service_canned_replies(shortcut, text, created_by, created_at) VALUES (@shortcut, @text, @createdBy, @now)
            ON CONFLICT (shortcut) DO NOTHING RETURNING id
            """, new { shortcut, text, createdBy, now = w.NowMs }, w.Transaction);

    public static bool DeleteCannedReply(WriteContext w, long id) =>
        w.Connection.Execute("DELETE FROM service_canned_replies WHERE id = @id", new { id }, w.Transaction) > 0;

    public async Task<IReadOnlyList<ServiceCannedReplyDto>> CannedRepliesAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<(long Id, string Shortcut, string Text)>("SELECT id, shortcut, text FROM service_canned_replies ORDER BY shortcut"))
            .Select(r => new ServiceCannedReplyDto(r.Id, r.Shortcut, r.Text)).ToList();
    }

    /// <summary>Published knowledge base entries: the AI first line answers only when there is something to answer from (or a model).</summary>
    public async Task<bool> HasKnowledgeAsync()
    {
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM knowledge_articles WHERE published = 1") > 0;
    }

    /// <summary>The conversation's last texts before a message, oldest first, for the language model's context.</summary>
    public async Task<IReadOnlyList<(long SenderId, string Text)>> RecentTextsAsync(long conversationId, long beforeMessageId, int count)
    {
        await using var c = await database.OpenAsync();
        var rows = (await c.QueryAsync<(long, string)>("""
            SELECT sender_id, text FROM messages
            WHERE conversation_id = @conversationId AND id < @beforeMessageId AND deleted_at IS NULL AND recalled_at IS NULL AND text <> ''
            ORDER BY id DESC LIMIT @count
            """, new { conversationId, beforeMessageId, count })).AsList();
        rows.Reverse();
        return rows;
    }

    /// <summary>The text of a message, for the bot (null when it is gone).</summary>
    public async Task<(long ConversationId, long SenderId, string Text)?> MessageAsync(long messageId)
    {
        await using var c = await database.OpenAsync();
        var row = await c.QuerySingleOrDefaultAsync<(long, long, string)?>(
            "SELECT conversation_id, sender_id, text FROM messages WHERE id = @messageId AND deleted_at IS NULL AND recalled_at IS NULL", new { messageId });
        return row;
    }
}
