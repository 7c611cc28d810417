using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Ldap;

/// <summary>SQL of the directory sync: the accounts LDAP owns, their departments, and the department tree by path.</summary>
public sealed class LdapStore(Database database)
{
    public const string AuthSource = "ldap";

    public sealed class Account
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? ExternalId { get; init; }
        public bool IsActive { get; init; }
        public string? Email { get; init; }
        public string? Title { get; init; }
        public string? Phone { get; init; }
        public string? EmployeeNumber { get; init; }
    }

    public sealed record Snapshot(
        IReadOnlyList<Account> Accounts, ILookup<long, long> Departments, DepartmentTree Tree, IReadOnlyDictionary<string, string> SourceByUsername);

    public async Task<Snapshot> SnapshotAsync()
    {
        await using var c = await database.OpenAsync();
        var accounts = (await c.QueryAsync<Account>(
            "SELECT id, username, display_name AS DisplayName, external_id AS ExternalId, is_active AS IsActive, email, title, phone, employee_number AS EmployeeNumber FROM users WHERE auth_source = @source",
            new { source = AuthSource })).AsList();
        var members = (await c.QueryAsync<(long UserId, long DepartmentId)>(
            "SELECT m.user_id, m.department_id FROM department_members m JOIN users u ON u.id = m.user_id WHERE u.auth_source = @source", new { source = AuthSource }))
            .ToLookup(m => m.UserId, m => m.DepartmentId);
        var tree = new DepartmentTree((await c.QueryAsync<(long Id, string Name, long? ParentId)>("SELECT id, name, parent_id FROM departments ORDER BY id")).AsList());
        var sources = (await c.QueryAsync<(string Username, string Source)>("SELECT username, auth_source FROM users"))
            .ToDictionary(u => u.Username.ToLowerInvariant(), u => u.Source);
        return new Snapshot(accounts, members, tree, sources);
    }

    public static void SetEmail(WriteContext w, long userId, string? email) =>
        w.Connection.Execute("UPDATE users SET email = @email WHERE id = @userId", new { userId, email }, w.Transaction);

    public static void SetExternalId(WriteContext w, long userId, string externalId) =>
        w.Connection.Execute("UPDATE users SET external_id = @externalId WHERE id = @userId", new { userId, externalId }, w.Transaction);

    public static IReadOnlyList<long> DepartmentsOf(WriteContext w, long userId) =>
        w.Connection.Query<long>("SELECT department_id FROM department_members WHERE user_id = @userId", new { userId }, w.Transaction).AsList();

    /// <summary>The department a path names, from the top: each name under the one before (the oldest when names repeat).</summary>
    public static long? FindPath(WriteContext w, IReadOnlyList<string> path)
    {
        long? parent = null;
        foreach (var name in path)
        {
            parent = w.Connection.ExecuteScalar<long?>(
                "SELECT min(id) FROM departments WHERE name = @name AND ((@parent IS NULL AND parent_id IS NULL) OR parent_id = @parent)", new { name, parent }, w.Transaction);
            if (parent is null) return null;
        }
        return parent;
    }
}

/// <summary>The department tree read once for a sync plan: finds a path's department without asking the database per user.</summary>
public sealed class DepartmentTree(IReadOnlyList<(long Id, string Name, long? ParentId)> rows)
{
    private readonly Dictionary<(long?, string), long> _byParentAndName = rows
        .GroupBy(r => (r.ParentId, r.Name)).ToDictionary(g => g.Key, g => g.Min(r => r.Id));

    /// <summary>The department of the whole path, or null when some part of it does not exist yet.</summary>
    public long? Find(IReadOnlyList<string> path)
    {
        long? parent = null;
        foreach (var name in path)
        {
            if (!_byParentAndName.TryGetValue((parent, name), out var id)) return null;
            parent = id;
        }
        return parent;
    }
}
