using Dapper;
using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Features.Organisation;

/// <summary>SQL for the department tree and its members. Writes run in the writer's transaction (checks and change together).</summary>
public sealed class DepartmentStore(Database database)
{
    private const string Select = """
        SELECT d.id, d.name, d.parent_id AS ParentId, (SELECT count(*) FROM department_members m WHERE m.department_id = d.id) AS MemberCount
        FROM departments d
        """;

    public async Task<IReadOnlyList<DepartmentDto>> ListAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>($"{Select} ORDER BY d.name, d.id")).Select(r => r.ToDto()).ToList();
    }

    public static DepartmentDto? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<Row>($"{Select} WHERE d.id = @id", new { id }, w.Transaction)?.ToDto();

    public static long Insert(WriteContext w, string name, long? parentId) =>
        w.Connection.ExecuteScalar<long>("INSERT INTO departments(name, parent_id, name_keys, created_at) VALUES (@name, @parentId, @keys, @now) RETURNING id",
            new { name, parentId, keys = Pinyin.Keys(name), now = w.NowMs }, w.Transaction);

    public static void Rename(WriteContext w, long id, string name) =>
        w.Connection.Execute("UPDATE departments SET name = @name, name_keys = @keys WHERE id = @id", new { id, name, keys = Pinyin.Keys(name) }, w.Transaction);

    public static void Move(WriteContext w, long id, long? parentId) =>
        w.Connection.Execute("UPDATE departments SET parent_id = @parentId WHERE id = @id", new { id, parentId }, w.Transaction);

    /// <summary>The ids from <paramref name="id"/> up to the top (itself first); bounded so a corrupted cycle cannot loop.</summary>
    public static List<long> Ancestry(WriteContext w, long id)
    {
        var chain = new List<long>();
        long? current = id;
        while (current is { } c && chain.Count < 1000 && !chain.Contains(c))
        {
            chain.Add(c);
            current = w.Connection.ExecuteScalar<long?>("SELECT parent_id FROM departments WHERE id = @c", new { c }, w.Transaction);
        }
        return chain;
    }

    public static bool HasChildren(WriteContext w, long id) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM departments WHERE parent_id = @id", new { id }, w.Transaction) > 0;

    public static void Delete(WriteContext w, long id) => w.Connection.Execute("DELETE FROM departments WHERE id = @id", new { id }, w.Transaction);

    /// <summary>Adds a member; false when already one (the call is idempotent).</summary>
    public static bool AddMember(WriteContext w, long id, long userId) =>
        w.Connection.Execute("INSERT INTO department_members(department_id, user_id, added_at) VALUES (@id, @userId, @now) ON CONFLICT DO NOTHING",
            new { id, userId, now = w.NowMs }, w.Transaction) == 1;

    public static bool RemoveMember(WriteContext w, long id, long userId) =>
        w.Connection.Execute("DELETE FROM department_members WHERE department_id = @id AND user_id = @userId", new { id, userId }, w.Transaction) == 1;

    /// <summary>Departments of these users (for search results and profile cards).</summary>
    public static async Task<ILookup<long, DepartmentRef>> OfUsersAsync(System.Data.Common.DbConnection c, IReadOnlyCollection<long> userIds)
    {
        if (userIds.Count == 0) return Array.Empty<(long, DepartmentRef)>().ToLookup(x => x.Item1, x => x.Item2);
        var rows = await c.QueryAsync<(long UserId, long Id, string Name)>(
            $"SELECT m.user_id, d.id, d.name FROM department_members m JOIN departments d ON d.id = m.department_id WHERE {Sql.In(c, "m.user_id", "ids")} ORDER BY d.name",
            new { ids = Sql.List(c, userIds) });
        return rows.ToLookup(r => r.UserId, r => new DepartmentRef(r.Id, r.Name));
    }

    // Settable properties, not a positional record: Dapper then converts column types, which SQLite leaves
    // undetermined on an empty result (a constructor must match exactly).
    private sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public long? ParentId { get; init; }
        public long MemberCount { get; init; }
        public DepartmentDto ToDto() => new(Id, Name, ParentId, (int)MemberCount);
    }
}
