using Dapper;
using Parley.Contracts;
using Parley.Server.Storage;

namespace Parley.Server.Features.Organisation;

/// <summary>
/// Directory reads: people by name, username, title, department or pinyin (keys written beside each name, see
/// <see cref="Pinyin"/>), department members, profile cards; and the profile columns' writes.
/// </summary>
public sealed class DirectoryStore(Database database)
{
    public const int MaxResults = 50;

    // Classes with properties rather than positional records: see DepartmentStore.Row.
    private sealed class PersonRow
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? Title { get; init; }
        public string? AvatarKey { get; init; }
    }

    /// <param name="text">lower-cased LIKE pattern over names, usernames, titles and department names.</param>
    /// <param name="pinyin">the query as pinyin (letters only), matched as a key prefix; null for queries that are not pinyin.</param>
    public async Task<IReadOnlyList<DirectoryEntryDto>> SearchAsync(string text, string? pinyin)
    {
        await using var c = await database.OpenAsync();
        var keyPrefix = pinyin is null ? null : "%|" + pinyin + "%";
        var exactKey = pinyin is null ? null : "%|" + pinyin + "|%";
        var rows = (await c.QueryAsync<PersonRow>(
            """
            SELECT u.id, u.username, u.display_name AS DisplayName, u.title, (SELECT a.blob_key FROM user_avatars a WHERE a.user_id = u.id) AS AvatarKey FROM users u
            WHERE u.is_active = 1 AND (
                lower(u.display_name) LIKE @text ESCAPE '\' OR lower(u.username) LIKE @text ESCAPE '\' OR lower(coalesce(u.title, '')) LIKE @text ESCAPE '\'
                OR (@keyPrefix IS NOT NULL AND u.name_keys LIKE @keyPrefix)
                OR EXISTS (SELECT 1 FROM department_members m JOIN departments d ON d.id = m.department_id
                           WHERE m.user_id = u.id AND (lower(d.name) LIKE @text ESCAPE '\' OR (@keyPrefix IS NOT NULL AND d.name_keys LIKE @keyPrefix))))
            ORDER BY CASE WHEN lower(u.display_name) = @exact OR lower(u.username) = @exact THEN 0
                          WHEN @exactKey IS NOT NULL AND u.name_keys LIKE @exactKey THEN 1
                          WHEN lower(u.display_name) LIKE @starts ESCAPE '\' OR lower(u.username) LIKE @starts ESCAPE '\' THEN 2
                          ELSE 3 END, u.display_name, u.id
            LIMIT @limit
            """,
            new { text = "%" + text + "%", starts = text + "%", exact = text.Replace("\\", "", StringComparison.Ordinal), keyPrefix, exactKey, limit = MaxResults })).AsList();
        var departments = await DepartmentStore.OfUsersAsync(c, rows.Select(r => r.Id).ToList());
        return rows.Select(r => new DirectoryEntryDto(r.Id, r.Username, r.DisplayName, departments[r.Id].ToList(), r.Title, Avatars.AvatarStore.UrlOf(r.Id, r.AvatarKey))).ToList();
    }

    public async Task<IReadOnlyList<DirectoryEntryDto>> MembersAsync(long departmentId)
    {
        await using var c = await database.OpenAsync();
        var rows = (await c.QueryAsync<PersonRow>(
            """
            SELECT u.id, u.username, u.display_name AS DisplayName, u.title, (SELECT a.blob_key FROM user_avatars a WHERE a.user_id = u.id) AS AvatarKey FROM department_members m JOIN users u ON u.id = m.user_id
            WHERE m.department_id = @departmentId AND u.is_active = 1 ORDER BY u.display_name, u.id
            """, new { departmentId })).AsList();
        var departments = await DepartmentStore.OfUsersAsync(c, rows.Select(r => r.Id).ToList());
        return rows.Select(r => new DirectoryEntryDto(r.Id, r.Username, r.DisplayName, departments[r.Id].ToList(), r.Title, Avatars.AvatarStore.UrlOf(r.Id, r.AvatarKey))).ToList();
    }

    private sealed class ProfileRow
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? Title { get; init; }
        public string? Phone { get; init; }
        public string? EmployeeNumber { get; init; }
        public long? ManagerId { get; init; }
        public string? ManagerUsername { get; init; }
        public string? ManagerDisplayName { get; init; }
        public long IsActive { get; init; }
        public string? AvatarKey { get; init; }
    }

    public async Task<DirectoryProfileDto?> ProfileAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        var row = await c.QuerySingleOrDefaultAsync<ProfileRow>(
            """
            SELECT u.id, u.username, u.display_name AS DisplayName, u.title, u.phone, u.employee_number AS EmployeeNumber, u.manager_id AS ManagerId,
                   mg.username AS ManagerUsername, mg.display_name AS ManagerDisplayName, u.is_active AS IsActive,
                   (SELECT a.blob_key FROM user_avatars a WHERE a.user_id = u.id) AS AvatarKey
            FROM users u LEFT JOIN users mg ON mg.id = u.manager_id WHERE u.id = @userId
            """, new { userId });
        if (row is null) return null;
        var departments = await DepartmentStore.OfUsersAsync(c, [row.Id]);
        return new DirectoryProfileDto(row.Id, row.Username, row.DisplayName, row.Title, row.Phone, row.EmployeeNumber,
            row.ManagerId is { } m ? new UserRef(m, row.ManagerUsername!, row.ManagerDisplayName!) : null, departments[row.Id].ToList(), row.IsActive != 0,
            Avatars.AvatarStore.UrlOf(row.Id, row.AvatarKey));
    }

    /// <summary>Sets the profile columns given (null: unchanged; "" stored as null).</summary>
    public static void SetProfile(WriteContext w, long userId, string? title, string? phone, string? employeeNumber, long? managerId, bool clearManager)
    {
        w.Connection.Execute(
            """
            UPDATE users SET
                title = CASE WHEN @title IS NULL THEN title WHEN @title = '' THEN NULL ELSE @title END,
                phone = CASE WHEN @phone IS NULL THEN phone WHEN @phone = '' THEN NULL ELSE @phone END,
                employee_number = CASE WHEN @employeeNumber IS NULL THEN employee_number WHEN @employeeNumber = '' THEN NULL ELSE @employeeNumber END,
                manager_id = CASE WHEN @clearManager = 1 THEN NULL ELSE coalesce(@managerId, manager_id) END
            WHERE id = @userId
            """, new { userId, title, phone, employeeNumber, managerId, clearManager = Sql.Flag(clearManager) }, w.Transaction);
    }

    /// <summary>Whether <paramref name="managerId"/>'s chain of managers reaches <paramref name="userId"/> (a cycle).</summary>
    public static bool ManagesTransitively(WriteContext w, long userId, long managerId)
    {
        long? current = managerId;
        for (var i = 0; i < 1000 && current is { } c; i++)
        {
            if (c == userId) return true;
            current = w.Connection.ExecuteScalar<long?>("SELECT manager_id FROM users WHERE id = @c", new { c }, w.Transaction);
        }
        return false;
    }

    /// <summary>Names written before the directory existed (or by an older version) get their keys (start-up, once).</summary>
    public static int BackfillKeys(WriteContext w)
    {
        var users = w.Connection.Query<(long Id, string Name)>("SELECT id, display_name FROM users WHERE name_keys IS NULL", transaction: w.Transaction).AsList();
        var n = 0;
        // "" for names without Han characters, so they are looked at once.
        foreach (var (id, name) in users)
            n += w.Connection.Execute("UPDATE users SET name_keys = @keys WHERE id = @id", new { id, keys = Pinyin.Keys(name) ?? "" }, w.Transaction);
        return n;
    }
}
