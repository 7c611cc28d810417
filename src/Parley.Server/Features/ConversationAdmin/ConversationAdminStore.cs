using System.Data.Common;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.ConversationAdmin;

/// <summary>SQL of conversation administration: the admin's list, default channels and department links.</summary>
public sealed class ConversationAdminStore(Database database)
{
    private const string Select = """
        SELECT c.id, c.kind, c.name, c.member_count AS MemberCount, c.last_activity_at AS LastActivityAt, c.is_archived AS IsArchived,
               c.default_since AS DefaultSince, c.direct_key AS DirectKey, g.department_id AS DepartmentId, d.name AS DepartmentName,
               g.include_sub AS IncludeSub
        FROM conversations c
        LEFT JOIN department_groups g ON g.conversation_id = c.id
        LEFT JOIN departments d ON d.id = g.department_id
        """;

    /// <summary>Every conversation matching the filters, most recently active first.</summary>
    public async Task<IReadOnlyList<AdminConversationDto>> SearchAsync(string? query, string? kind, bool? archived, int limit)
    {
        await using var c = await database.OpenAsync();
        var where = new List<string>();
        var pattern = string.IsNullOrWhiteSpace(query) ? null : "%" + Users.UserStore.EscapeLike(query.Trim()) + "%";
        if (pattern is not null) where.Add("lower(c.name) LIKE lower(@pattern) ESCAPE '\\'");
        if (kind is not null) where.Add("c.kind = @kind");
        if (archived is { } a) where.Add(a ? "c.is_archived = 1" : "c.is_archived = 0");
        var sql = Select + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) + " ORDER BY c.last_activity_at DESC, c.id DESC LIMIT @limit";
        var rows = (await c.QueryAsync<Row>(sql, new { pattern, kind, limit })).AsList();
        return await ToDtosAsync(c, rows);
    }

    public async Task<AdminConversationDto?> GetAsync(long id)
    {
        await using var c = await database.OpenAsync();
        var rows = (await c.QueryAsync<Row>(Select + " WHERE c.id = @id", new { id })).AsList();
        return rows.Count == 0 ? null : (await ToDtosAsync(c, rows))[0];
    }

    private static async Task<IReadOnlyList<AdminConversationDto>> ToDtosAsync(DbConnection c, List<Row> rows)
    {
        // A direct conversation has no name: the admin sees its two people instead (one query for the page).
        var pairs = rows.Where(r => r.DirectKey is not null).ToDictionary(r => r.Id, r => r.DirectKey!.Split(':').Select(long.Parse).Distinct().ToArray());
        var ids = pairs.Values.SelectMany(p => p).Distinct().ToList();
        var names = ids.Count == 0 ? new Dictionary<long, string>()
            : (await c.QueryAsync<(long Id, string Name)>($"SELECT id, display_name FROM users WHERE {Sql.In(c, "id", "ids")}", new { ids = Sql.List(c, ids) }))
                .ToDictionary(u => u.Id, u => u.Name);
        return rows.Select(r => new AdminConversationDto(r.Id, r.Kind, r.Name, (int)r.MemberCount, UnixMs.To(r.LastActivityAt), r.IsArchived, r.DefaultSince is not null,
            pairs.TryGetValue(r.Id, out var p) ? p.Select(u => names.GetValueOrDefault(u, "?")).ToList() : null,
            r.DepartmentId is { } d ? new DepartmentLinkDto(d, r.DepartmentName ?? "", r.IncludeSub == 1) : null)).ToList();
    }

    // ---- writes (inside the group-commit transaction) ----

    public static void SetDefault(WriteContext w, long id, bool isDefault) =>
        w.Connection.Execute("UPDATE conversations SET default_since = @since WHERE id = @id", new { id, since = isDefault ? w.NowMs : (long?)null }, w.Transaction);

    public static bool IsDefault(WriteContext w, long id) =>
        w.Connection.ExecuteScalar<long?>("SELECT default_since FROM conversations WHERE id = @id", new { id }, w.Transaction) is not null;

    /// <summary>Unarchived channels that were default ones when <paramref name="createdAt"/> came (ms).</summary>
    public static IReadOnlyList<long> DefaultChannelsAt(WriteContext w, long createdAt) =>
        w.Connection.Query<long>(
            "SELECT id FROM conversations WHERE default_since IS NOT NULL AND default_since <= @createdAt AND kind = 'channel' AND is_archived = 0 ORDER BY id",
            new { createdAt }, w.Transaction).AsList();

    /// <summary>Whether the user was ever in the conversation (also after leaving): default joins happen once, not again after a user left.</summary>
    public static bool EverMember(WriteContext w, long conversationId, long userId) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM members WHERE conversation_id = @conversationId AND user_id = @userId",
            new { conversationId, userId }, w.Transaction) > 0;

    public static IReadOnlyList<long> ActiveUsers(WriteContext w) =>
        w.Connection.Query<long>("SELECT id FROM users WHERE is_active = 1 ORDER BY id", transaction: w.Transaction).AsList();

    public static void Link(WriteContext w, long conversationId, long departmentId, bool includeSub, long? by) =>
        w.Connection.Execute(
            """
            INSERT INTO department_groups(conversation_id, department_id, include_sub, created_by, created_at) VALUES (@conversationId, @departmentId, @includeSub, @by, @now)
            ON CONFLICT(conversation_id) DO UPDATE SET department_id = excluded.department_id, include_sub = excluded.include_sub
            """, new { conversationId, departmentId, includeSub = Sql.Flag(includeSub), by, now = w.NowMs }, w.Transaction);

    public static bool Unlink(WriteContext w, long conversationId) =>
        w.Connection.Execute("DELETE FROM department_groups WHERE conversation_id = @conversationId", new { conversationId }, w.Transaction) > 0;

    public static IReadOnlyList<DepartmentGroupLink> Links(WriteContext w) =>
        w.Connection.Query<DepartmentGroupLink>(
            "SELECT conversation_id AS ConversationId, department_id AS DepartmentId, include_sub AS IncludeSub FROM department_groups ORDER BY conversation_id",
            transaction: w.Transaction).AsList();

    public static int UnlinkDepartment(WriteContext w, long departmentId) =>
        w.Connection.Execute("DELETE FROM department_groups WHERE department_id = @departmentId", new { departmentId }, w.Transaction);

    /// <summary>Active users in the department, or in it and every department below it (the tree is walked in SQL; UNION stops at a cycle).</summary>
    public static HashSet<long> DepartmentUsers(WriteContext w, long departmentId, bool includeSub) =>
        w.Connection.Query<long>(includeSub
            ? """
              WITH RECURSIVE sub(id) AS (SELECT @departmentId UNION SELECT d.id FROM departments d JOIN sub ON d.parent_id = sub.id)
              SELECT DISTINCT m.user_id FROM department_members m JOIN sub ON sub.id = m.department_id JOIN users u ON u.id = m.user_id AND u.is_active = 1
              """
            : "SELECT m.user_id FROM department_members m JOIN users u ON u.id = m.user_id AND u.is_active = 1 WHERE m.department_id = @departmentId",
            new { departmentId }, w.Transaction).ToHashSet();

    /// <summary>The conversation's active members with their roles.</summary>
    public static Dictionary<long, string> MemberRoles(WriteContext w, long conversationId) =>
        w.Connection.Query<(long UserId, string Role)>("SELECT user_id, role FROM members WHERE conversation_id = @conversationId AND active = 1",
            new { conversationId }, w.Transaction).ToDictionary(m => m.UserId, m => m.Role);

    private sealed class Row
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string? Name { get; init; }
        public long MemberCount { get; init; }
        public long LastActivityAt { get; init; }
        public bool IsArchived { get; init; }
        public long? DefaultSince { get; init; }
        public string? DirectKey { get; init; }
        public long? DepartmentId { get; init; }
        public string? DepartmentName { get; init; }
        public long IncludeSub { get; init; }
    }
}

public sealed class DepartmentGroupLink
{
    public long ConversationId { get; init; }
    public long DepartmentId { get; init; }
    public bool IncludeSub { get; init; }
}
