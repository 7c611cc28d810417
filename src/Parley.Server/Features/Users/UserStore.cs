using System.Data.Common;
using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Users;

/// <summary>SQL for users. Reads take their own pooled connection; writes run inside the group-commit transaction.</summary>
public sealed class UserStore(Database database)
{
    private const string Columns = "id, username, display_name AS DisplayName, password_hash AS PasswordHash, is_admin AS IsAdmin, is_active AS IsActive, failed_logins AS FailedLogins, locked_until AS LockedUntil, created_at AS CreatedAt";

    public UserRecord? Find(long id)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<UserRecord>($"SELECT {Columns} FROM users WHERE id = @id", new { id });
    }

    public UserRecord? FindByUsername(string username)
    {
        using var c = database.Open();
        return c.QuerySingleOrDefault<UserRecord>($"SELECT {Columns} FROM users WHERE username = CAST(@username AS CITEXT)", new { username });
    }

    public IReadOnlyList<UserRecord> Search(string? query, int limit, bool includeInactive)
    {
        using var c = database.Open();
        var pattern = string.IsNullOrWhiteSpace(query) ? null : "%" + EscapeLike(query.Trim()) + "%";
        return c.Query<UserRecord>(
            $"""
            SELECT {Columns} FROM users
            WHERE (@pattern IS NULL OR lower(username) LIKE lower(@pattern) ESCAPE '\' OR lower(display_name) LIKE lower(@pattern) ESCAPE '\')
              AND (@includeInactive = 1 OR is_active = 1)
            ORDER BY username LIMIT @limit
            """, new { pattern, limit, includeInactive = Sql.Flag(includeInactive) }).AsList();
    }

    /// <summary>Which of these ids belong to a user (active or deactivated).</summary>
    public IReadOnlySet<long> Existing(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0) return new HashSet<long>();
        using var c = database.Open();
        return c.Query<long>($"SELECT id FROM users WHERE {Sql.In(c, "id", "ids")}", new { ids = Sql.List(c, ids) }).ToHashSet();
    }

    public long Count()
    {
        using var c = database.Open();
        return c.ExecuteScalar<long>("SELECT count(*) FROM users");
    }

    public static bool AnyUser(WriteContext w) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM users", transaction: w.Transaction) > 0;

    public static bool UsernameTaken(WriteContext w, string username) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM users WHERE username = CAST(@username AS CITEXT)", new { username }, w.Transaction) > 0;

    public static UserRecord Insert(WriteContext w, string username, string displayName, string passwordHash, bool isAdmin)
    {
        var id = w.Connection.ExecuteScalar<long>(
            "INSERT INTO users(username, display_name, password_hash, is_admin, is_active, created_at) VALUES (@username, @displayName, @passwordHash, @isAdmin, 1, @now) RETURNING id",
            new { username, displayName, passwordHash, isAdmin = Sql.Flag(isAdmin), now = w.NowMs }, w.Transaction);
        return Get(w, id)!;
    }

    public static UserRecord? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<UserRecord>($"SELECT {Columns} FROM users WHERE id = @id", new { id }, w.Transaction);

    public static void Update(WriteContext w, long id, string? displayName, bool? isActive, bool? isAdmin) =>
        w.Connection.Execute(
            "UPDATE users SET display_name = coalesce(@displayName, display_name), is_active = coalesce(@isActive, is_active), is_admin = coalesce(@isAdmin, is_admin) WHERE id = @id",
            new { id, displayName, isActive = isActive is { } a ? Sql.Flag(a) : (int?)null, isAdmin = isAdmin is { } b ? Sql.Flag(b) : (int?)null }, w.Transaction);

    public static void SetPassword(WriteContext w, long id, string hash) =>
        w.Connection.Execute("UPDATE users SET password_hash = @hash, failed_logins = 0, locked_until = NULL WHERE id = @id", new { id, hash }, w.Transaction);

    public static void RecordLoginFailure(WriteContext w, long id, int lockAfter, long lockUntil) =>
        w.Connection.Execute(
            """
            UPDATE users SET failed_logins = failed_logins + 1,
                locked_until = CASE WHEN failed_logins + 1 >= @lockAfter THEN @lockUntil ELSE locked_until END
            WHERE id = @id
            """, new { id, lockAfter, lockUntil }, w.Transaction);

    public static void RecordLoginSuccess(WriteContext w, long id) =>
        w.Connection.Execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = @id AND (failed_logins <> 0 OR locked_until IS NOT NULL)", new { id }, w.Transaction);

    internal static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
