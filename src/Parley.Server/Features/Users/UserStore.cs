using Dapper;
using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Features.Users;

/// <summary>SQL for users and their roles. Reads take their own pooled connection; writes run inside the group-commit transaction.</summary>
public sealed class UserStore(Database database)
{
    internal const string Columns = "id, username, display_name AS DisplayName, password_hash AS PasswordHash, auth_source AS AuthSource, external_id AS ExternalId, is_active AS IsActive, is_external AS IsExternal, kind AS Kind, created_at AS CreatedAt, "
        + "must_change_password AS MustChangePassword, title, phone, employee_number AS EmployeeNumber, manager_id AS ManagerId, "
        + "(SELECT count(*) FROM user_totp t WHERE t.user_id = users.id AND t.confirmed_at IS NOT NULL) AS TotpEnabled, "
        + "(SELECT a.blob_key FROM user_avatars a WHERE a.user_id = users.id) AS AvatarKey";

    public async Task<UserRecord?> FindAsync(long id)
    {
        await using var c = await database.OpenAsync();
        return await WithRolesAsync(c, await c.QuerySingleOrDefaultAsync<UserRecord>($"SELECT {Columns} FROM users WHERE id = @id", new { id }));
    }

    public async Task<UserRecord?> FindByUsernameAsync(string username)
    {
        await using var c = await database.OpenAsync();
        return await WithRolesAsync(c, await c.QuerySingleOrDefaultAsync<UserRecord>($"SELECT {Columns} FROM users WHERE username = CAST(@username AS CITEXT)", new { username }));
    }

    public async Task<IReadOnlyList<UserRecord>> SearchAsync(string? query, int limit, bool includeInactive)
    {
        await using var c = await database.OpenAsync();
        var pattern = string.IsNullOrWhiteSpace(query) ? null : "%" + EscapeLike(query.Trim()) + "%";
        var users = (await c.QueryAsync<UserRecord>(
            $"""
            SELECT {Columns} FROM users
            WHERE (@pattern IS NULL OR lower(username) LIKE lower(@pattern) ESCAPE '\' OR lower(display_name) LIKE lower(@pattern) ESCAPE '\')
              AND (@includeInactive = 1 OR is_active = 1)
              AND kind = 'user'
            ORDER BY username LIMIT @limit
            """, new { pattern, limit, includeInactive = Sql.Flag(includeInactive) })).AsList();
        if (users.Count == 0) return users;
        var roles = (await c.QueryAsync<(long UserId, string Role)>(
            $"SELECT user_id, role FROM user_roles WHERE {Sql.In(c, "user_id", "ids")} ORDER BY role",
            new { ids = Sql.List(c, users.Select(u => u.Id).ToList()) })).ToLookup(r => r.UserId, r => r.Role);
        foreach (var u in users) u.Roles = roles[u.Id].ToList();
        return users;
    }

    /// <summary>Which of these ids belong to a user (active or deactivated).</summary>
    public async Task<IReadOnlySet<long>> ExistingAsync(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0) return new HashSet<long>();
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<long>($"SELECT id FROM users WHERE {Sql.In(c, "id", "ids")}", new { ids = Sql.List(c, ids) })).ToHashSet();
    }

    public async Task<long> CountAsync()
    {
        await using var c = await database.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM users");
    }

    private const string RolesSql = "SELECT role FROM user_roles WHERE user_id = @userId ORDER BY role";

    private static async Task<UserRecord?> WithRolesAsync(System.Data.Common.DbConnection c, UserRecord? user)
    {
        if (user is not null) user.Roles = await RolesOfAsync(c, user.Id);
        return user;
    }

    private static UserRecord? WithRoles(System.Data.Common.DbConnection c, UserRecord? user, System.Data.Common.DbTransaction? tx)
    {
        if (user is not null)
            user.Roles = c.Query<string>(RolesSql, new { userId = user.Id }, tx).AsList();
        return user;
    }

    /// <summary>Roles of one user; used where a user row was read by another query (the session lookup).</summary>
    internal static async Task<IReadOnlyList<string>> RolesOfAsync(System.Data.Common.DbConnection c, long userId) =>
        (await c.QueryAsync<string>(RolesSql, new { userId })).AsList();

    public static bool AnyUser(WriteContext w) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM users", transaction: w.Transaction) > 0;

    public static bool UsernameTaken(WriteContext w, string username) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM users WHERE username = CAST(@username AS CITEXT)", new { username }, w.Transaction) > 0;

    public static UserRecord Insert(WriteContext w, string username, string displayName, string? passwordHash, string authSource, string? externalId)
    {
        var id = w.Connection.ExecuteScalar<long>(
            "INSERT INTO users(username, display_name, password_hash, auth_source, external_id, is_active, created_at, name_keys) VALUES (@username, @displayName, @passwordHash, @authSource, @externalId, 1, @now, @keys) RETURNING id",
            new { username, displayName, passwordHash, authSource, externalId, now = w.NowMs, keys = Organisation.Pinyin.Keys(displayName) }, w.Transaction);
        return Get(w, id)!;
    }

    public static UserRecord? Get(WriteContext w, long id) =>
        WithRoles(w.Connection, w.Connection.QuerySingleOrDefault<UserRecord>($"SELECT {Columns} FROM users WHERE id = @id", new { id }, w.Transaction), w.Transaction);

    public static void Update(WriteContext w, long id, string? displayName, bool? isActive)
    {
        w.Connection.Execute(
            "UPDATE users SET display_name = coalesce(@displayName, display_name), is_active = coalesce(@isActive, is_active) WHERE id = @id",
            new { id, displayName, isActive = isActive is { } a ? Sql.Flag(a) : (int?)null }, w.Transaction);
        // The directory's pinyin keys follow the name in the same transaction.
        if (displayName is not null)
            w.Connection.Execute("UPDATE users SET name_keys = @keys WHERE id = @id", new { id, keys = Organisation.Pinyin.Keys(displayName) }, w.Transaction);
    }

    /// <summary>What kind of account the row is (<see cref="UserKinds"/>): set once, right after the insert.</summary>
    public static void SetKind(WriteContext w, long id, string kind) =>
        w.Connection.Execute("UPDATE users SET kind = @kind WHERE id = @id", new { id, kind }, w.Transaction);

    public static void SetExternal(WriteContext w, long id, bool external) =>
        w.Connection.Execute("UPDATE users SET is_external = @external WHERE id = @id", new { id, external = Sql.Flag(external) }, w.Transaction);

    /// <summary>Replaces the user's granted roles.</summary>
    public static void SetRoles(WriteContext w, long id, IReadOnlyCollection<string> roles)
    {
        w.Connection.Execute("DELETE FROM user_roles WHERE user_id = @id", new { id }, w.Transaction);
        foreach (var role in roles)
            w.Connection.Execute("INSERT INTO user_roles(user_id, role, granted_at) VALUES (@id, @role, @now)", new { id, role, now = w.NowMs }, w.Transaction);
    }

    /// <summary>Active users holding the role, other than <paramref name="exceptUserId"/>.</summary>
    public static long CountActiveWithRole(WriteContext w, string role, long exceptUserId) =>
        w.Connection.ExecuteScalar<long>(
            "SELECT count(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = @role AND u.is_active = 1 AND u.id <> @exceptUserId",
            new { role, exceptUserId }, w.Transaction);

    /// <summary>Sets the password hash; <paramref name="mustChange"/> makes the user choose a new one at the next sign-in.</summary>
    public static void SetPassword(WriteContext w, long id, string hash, bool mustChange = false) =>
        w.Connection.Execute("UPDATE users SET password_hash = @hash, must_change_password = @mustChange WHERE id = @id",
            new { id, hash, mustChange = Sql.Flag(mustChange) }, w.Transaction);

    public static void SetMustChangePassword(WriteContext w, long id, bool mustChange) =>
        w.Connection.Execute("UPDATE users SET must_change_password = @mustChange WHERE id = @id", new { id, mustChange = Sql.Flag(mustChange) }, w.Transaction);

    internal static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
