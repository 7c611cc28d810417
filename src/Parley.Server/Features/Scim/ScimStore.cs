using System.Data.Common;
using System.Globalization;
using Dapper;
using Parley.Contracts;
using Parley.Server.Features.Organisation;
using Parley.Server.Storage;

namespace Parley.Server.Features.Scim;

/// <summary>SQL behind the SCIM resources: users with their SCIM-only attributes, departments as groups.</summary>
public sealed class ScimStore(Database database)
{
    public static readonly string[] UserFilters = ["userName", "externalId", "id", "emails.value", "emails"];
    public static readonly string[] GroupFilters = ["displayName", "externalId", "id"];

    private const string UserSelect = """
        SELECT u.id, u.username, u.display_name AS DisplayName, u.auth_source AS AuthSource, u.external_id AS ExternalId, u.is_active AS IsActive,
               u.created_at AS CreatedAt, u.title, u.phone, u.employee_number AS EmployeeNumber, u.password_hash IS NOT NULL AS HasPassword,
               s.given_name AS GivenName, s.family_name AS FamilyName, s.email, s.user_name AS ScimUserName, s.updated_at AS UpdatedAt
        FROM users u LEFT JOIN scim_users s ON s.user_id = u.id
        """;

    private static (string Where, object Args) UserWhere(ScimFilter? f) => f?.Attribute switch
    {
        null => ("1 = 1", new { }),
        "userName" => ("(s.user_name = CAST(@v AS CITEXT) OR (s.user_name IS NULL AND u.username = CAST(@v AS CITEXT)))", new { v = f.Value }),
        "externalId" => ("u.auth_source = 'scim' AND u.external_id = @v", new { v = f.Value }),
        "id" => ("u.id = @id", new { id = Id(f.Value) }),
        _ => ("lower(s.email) = lower(@v)", new { v = f.Value }),
    };

    private static long Id(string value) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;

    public async Task<(IReadOnlyList<UserRow> Users, long Total, ILookup<long, DepartmentRef> Groups)> ListUsersAsync(ScimFilter? filter, int offset, int count)
    {
        var (where, args) = UserWhere(filter);
        await using var c = await database.OpenAsync();
        var p = new DynamicParameters(args);
        p.Add("offset", offset);
        p.Add("count", count);
        var total = await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM users u LEFT JOIN scim_users s ON s.user_id = u.id WHERE {where}", p);
        var users = count == 0 ? [] : (await c.QueryAsync<UserRow>($"{UserSelect} WHERE {where} ORDER BY u.id LIMIT @count OFFSET @offset", p)).AsList();
        return (users, total, await DepartmentStore.OfUsersAsync(c, users.Select(u => u.Id).ToList()));
    }

    public async Task<(UserRow User, IReadOnlyList<DepartmentRef> Groups)?> FindUserAsync(long id)
    {
        await using var c = await database.OpenAsync();
        var user = await c.QuerySingleOrDefaultAsync<UserRow>($"{UserSelect} WHERE u.id = @id", new { id });
        if (user is null) return null;
        return (user, (await DepartmentStore.OfUsersAsync(c, [id]))[id].ToList());
    }

    public static UserRow? GetUser(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<UserRow>($"{UserSelect} WHERE u.id = @id", new { id }, w.Transaction);

    /// <summary>The user a SCIM userName already names (as a SCIM userName, or as the username of a user SCIM has not named), other than <paramref name="exceptId"/>.</summary>
    public static long? UserNameOwner(WriteContext w, string userName, long exceptId = 0) =>
        w.Connection.QueryFirstOrDefault<long?>(
            "SELECT u.id FROM users u LEFT JOIN scim_users s ON s.user_id = u.id WHERE u.id <> @exceptId AND (s.user_name = CAST(@userName AS CITEXT) OR u.username = CAST(@userName AS CITEXT))",
            new { userName, exceptId }, w.Transaction);

    public static bool ExternalIdTaken(WriteContext w, string externalId, long exceptId) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM users WHERE auth_source = 'scim' AND external_id = @externalId AND id <> @exceptId",
            new { externalId, exceptId }, w.Transaction) > 0;

    public static void SaveUser(WriteContext w, long id, ScimUser input, bool scimOwned)
    {
        w.Connection.Execute(
            """
            INSERT INTO scim_users(user_id, given_name, family_name, email, user_name, updated_at) VALUES (@id, @GivenName, @FamilyName, @Email, @UserName, @now)
            ON CONFLICT (user_id) DO UPDATE SET given_name = excluded.given_name, family_name = excluded.family_name, email = excluded.email,
                user_name = excluded.user_name, updated_at = excluded.updated_at
            """, new { id, input.GivenName, input.FamilyName, input.Email, input.UserName, now = w.NowMs }, w.Transaction);
        w.Connection.Execute("UPDATE users SET title = @Title, phone = @Phone, employee_number = @EmployeeNumber WHERE id = @id",
            new { id, input.Title, input.Phone, input.EmployeeNumber }, w.Transaction);
        // The external id is SCIM's only for accounts SCIM owns; LDAP and OIDC keep theirs.
        if (scimOwned) w.Connection.Execute("UPDATE users SET external_id = @ExternalId WHERE id = @id", new { id, input.ExternalId }, w.Transaction);
    }

    private const string GroupSelect = """
        SELECT d.id, d.name, d.created_at AS CreatedAt, g.external_id AS ExternalId, g.updated_at AS UpdatedAt
        FROM departments d LEFT JOIN scim_groups g ON g.department_id = d.id
        """;

    private static (string Where, object Args) GroupWhere(ScimFilter? f) => f?.Attribute switch
    {
        null => ("1 = 1", new { }),
        "displayName" => ("d.name = @v", new { v = f.Value }),
        "externalId" => ("g.external_id = @v", new { v = f.Value }),
        _ => ("d.id = @id", new { id = Id(f.Value) }),
    };

    public async Task<(IReadOnlyList<GroupRow> Groups, long Total, ILookup<long, Member> Members)> ListGroupsAsync(ScimFilter? filter, int offset, int count, bool withMembers)
    {
        var (where, args) = GroupWhere(filter);
        await using var c = await database.OpenAsync();
        var p = new DynamicParameters(args);
        p.Add("offset", offset);
        p.Add("count", count);
        var total = await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM departments d LEFT JOIN scim_groups g ON g.department_id = d.id WHERE {where}", p);
        var groups = count == 0 ? [] : (await c.QueryAsync<GroupRow>($"{GroupSelect} WHERE {where} ORDER BY d.id LIMIT @count OFFSET @offset", p)).AsList();
        var members = withMembers ? await MembersAsync(c, groups.Select(g => g.Id).ToList()) : Array.Empty<(long, Member)>().ToLookup(x => x.Item1, x => x.Item2);
        return (groups, total, members);
    }

    public async Task<(GroupRow Group, IReadOnlyList<Member> Members)?> FindGroupAsync(long id)
    {
        await using var c = await database.OpenAsync();
        var group = await c.QuerySingleOrDefaultAsync<GroupRow>($"{GroupSelect} WHERE d.id = @id", new { id });
        if (group is null) return null;
        return (group, (await MembersAsync(c, [id]))[id].ToList());
    }

    private static async Task<ILookup<long, Member>> MembersAsync(DbConnection c, IReadOnlyCollection<long> departmentIds)
    {
        if (departmentIds.Count == 0) return Array.Empty<(long, Member)>().ToLookup(x => x.Item1, x => x.Item2);
        var rows = await c.QueryAsync<(long DepartmentId, long UserId, string DisplayName)>(
            $"SELECT m.department_id, u.id, u.display_name FROM department_members m JOIN users u ON u.id = m.user_id WHERE {Sql.In(c, "m.department_id", "ids")} ORDER BY u.id",
            new { ids = Sql.List(c, departmentIds) });
        return rows.ToLookup(r => r.DepartmentId, r => new Member(r.UserId, r.DisplayName));
    }

    public static void SaveGroup(WriteContext w, long departmentId, string? externalId) =>
        w.Connection.Execute(
            """
            INSERT INTO scim_groups(department_id, external_id, updated_at) VALUES (@departmentId, @externalId, @now)
            ON CONFLICT (department_id) DO UPDATE SET external_id = excluded.external_id, updated_at = excluded.updated_at
            """, new { departmentId, externalId, now = w.NowMs }, w.Transaction);

    public static void ForgetGroup(WriteContext w, long departmentId) =>
        w.Connection.Execute("DELETE FROM scim_groups WHERE department_id = @departmentId", new { departmentId }, w.Transaction);

    public sealed record Member(long UserId, string DisplayName);

    public sealed class UserRow
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string AuthSource { get; init; } = "";
        public string? ExternalId { get; init; }
        public bool IsActive { get; init; }
        public long CreatedAt { get; init; }
        public string? Title { get; init; }
        public string? Phone { get; init; }
        public string? EmployeeNumber { get; init; }
        public bool HasPassword { get; init; }
        public string? GivenName { get; init; }
        public string? FamilyName { get; init; }
        public string? Email { get; init; }
        public string? ScimUserName { get; init; }
        public long? UpdatedAt { get; init; }
        public bool ScimOwned => AuthSource == ScimUsers.AuthSource;
    }

    public sealed class GroupRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public long CreatedAt { get; init; }
        public string? ExternalId { get; init; }
        public long? UpdatedAt { get; init; }
    }
}
