using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;

namespace Parley.Server.Features.Scim;

/// <summary>SQL for SCIM provisioning tokens (hashes only).</summary>
public sealed class ScimTokenStore(Database database)
{
    private const string Columns = "id, name, created_by AS CreatedBy, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt";

    public async Task<IReadOnlyList<ScimTokenDto>> ListAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>($"SELECT {Columns} FROM scim_tokens ORDER BY id DESC LIMIT 200")).Select(r => r.ToDto()).ToList();
    }

    /// <summary>The live (not revoked) token with this hash, or null.</summary>
    public async Task<Row?> FindLiveAsync(byte[] tokenHash)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM scim_tokens WHERE token_hash = @tokenHash AND revoked_at IS NULL", new { tokenHash });
    }

    public static Row? Get(WriteContext w, long id) =>
        w.Connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM scim_tokens WHERE id = @id", new { id }, w.Transaction);

    public static long Insert(WriteContext w, string name, byte[] tokenHash, long? createdBy) =>
        w.Connection.ExecuteScalar<long>("INSERT INTO scim_tokens(name, token_hash, created_by, created_at) VALUES (@name, @tokenHash, @createdBy, @now) RETURNING id",
            new { name, tokenHash, createdBy, now = w.NowMs }, w.Transaction);

    public static bool Revoke(WriteContext w, long id) =>
        w.Connection.Execute("UPDATE scim_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now = w.NowMs }, w.Transaction) == 1;

    public static void Touch(WriteContext w, long id, long nowMs) =>
        w.Connection.Execute("UPDATE scim_tokens SET last_used_at = @nowMs WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @nowMs)", new { id, nowMs }, w.Transaction);

    public sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public long? CreatedBy { get; init; }
        public long CreatedAt { get; init; }
        public long? LastUsedAt { get; init; }
        public long? RevokedAt { get; init; }
        public ScimTokenDto ToDto() => new(Id, Name, CreatedBy, UnixMs.To(CreatedAt), UnixMs.To(LastUsedAt), UnixMs.To(RevokedAt));
    }
}
