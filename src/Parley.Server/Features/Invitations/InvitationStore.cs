using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Invitations;

/// <summary>SQL for invitations. Acceptance reads and counts inside the writer's transaction, so a single-use link is used once.</summary>
public sealed class InvitationStore(Database database)
{
    private const string Columns = """
        id, token_hash AS TokenHash, email, display_name AS DisplayName, roles, department_ids AS DepartmentIds, single_use AS SingleUse,
        created_by AS CreatedBy, created_at AS CreatedAt, expires_at AS ExpiresAt, revoked_at AS RevokedAt, accepted_count AS AcceptedCount
        """;

    public async Task<IReadOnlyList<Row>> ListAsync(int limit)
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>($"SELECT {Columns} FROM invitations ORDER BY id DESC LIMIT @limit", new { limit })).AsList();
    }

    public async Task<Row?> FindByHashAsync(byte[] tokenHash)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM invitations WHERE token_hash = @tokenHash", new { tokenHash });
    }

    public static Row? FindByHash(WriteContext w, byte[] tokenHash) =>
        w.Connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM invitations WHERE token_hash = @tokenHash", new { tokenHash }, w.Transaction);

    public static Row? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM invitations WHERE id = @id", new { id }, w.Transaction);

    public static long Insert(WriteContext w, byte[] tokenHash, string? email, string? displayName, IReadOnlyList<string> roles, IReadOnlyList<long> departmentIds,
        bool singleUse, long? createdBy, long expiresAt) =>
        w.Connection.ExecuteScalar<long>(
            """
            INSERT INTO invitations(token_hash, email, display_name, roles, department_ids, single_use, created_by, created_at, expires_at)
            VALUES (@tokenHash, @email, @displayName, @roles, @departmentIds, @singleUse, @createdBy, @now, @expiresAt) RETURNING id
            """,
            new
            {
                tokenHash, email, displayName, roles = JsonSerializer.Serialize(roles), departmentIds = JsonSerializer.Serialize(departmentIds),
                singleUse = Sql.Flag(singleUse), createdBy, now = w.NowMs, expiresAt,
            }, w.Transaction);

    public static bool Revoke(WriteContext w, long id) =>
        w.Connection.Execute("UPDATE invitations SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now = w.NowMs }, w.Transaction) == 1;

    public static void CountAcceptance(WriteContext w, long id) =>
        w.Connection.Execute("UPDATE invitations SET accepted_count = accepted_count + 1, last_accepted_at = @now WHERE id = @id", new { id, now = w.NowMs }, w.Transaction);

    public sealed class Row
    {
        public long Id { get; init; }
        public byte[] TokenHash { get; init; } = [];
        public string? Email { get; init; }
        public string? DisplayName { get; init; }
        public string Roles { get; init; } = "[]";
        public string DepartmentIds { get; init; } = "[]";
        public bool SingleUse { get; init; }
        public long? CreatedBy { get; init; }
        public long CreatedAt { get; init; }
        public long ExpiresAt { get; init; }
        public long? RevokedAt { get; init; }
        public long AcceptedCount { get; init; }

        public IReadOnlyList<string> RoleList => JsonSerializer.Deserialize<string[]>(Roles) ?? [];
        public IReadOnlyList<long> DepartmentList => JsonSerializer.Deserialize<long[]>(DepartmentIds) ?? [];

        public string StatusAt(long nowMs) =>
            RevokedAt is not null ? InvitationStatus.Revoked
            : SingleUse && AcceptedCount > 0 ? InvitationStatus.Used
            : ExpiresAt <= nowMs ? InvitationStatus.Expired
            : InvitationStatus.Active;

        public InvitationDto ToDto(long nowMs) => new(Id, Email, DisplayName, RoleList, DepartmentList, SingleUse, CreatedBy, UnixMs.To(CreatedAt), UnixMs.To(ExpiresAt),
            UnixMs.To(RevokedAt), (int)AcceptedCount, StatusAt(nowMs));
    }
}
