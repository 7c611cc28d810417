using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Emoji;

/// <summary>custom_emoji: small images kept in the database itself, so every node of a cluster serves them.</summary>
public sealed class CustomEmojiStore(Database database)
{
    public sealed record Row(string Name, string ContentType, long CreatedBy, long CreatedAt);
    public sealed record Image(string ContentType, byte[] Bytes, long CreatedAt);

    public async Task<IReadOnlyList<Row>> ListAsync()
    {
        await using var c = await database.OpenAsync();
        return (await c.QueryAsync<Row>("SELECT name, content_type AS ContentType, created_by AS CreatedBy, created_at AS CreatedAt FROM custom_emoji ORDER BY name")).ToList();
    }

    public async Task<Image?> ImageAsync(string name)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Image>("SELECT content_type AS ContentType, image AS Bytes, created_at AS CreatedAt FROM custom_emoji WHERE name = @name", new { name });
    }

    public static bool Exists(WriteContext w, string name) =>
        w.Connection.ExecuteScalar<long>("SELECT count(*) FROM custom_emoji WHERE name = @name", new { name }, w.Transaction) > 0;

    /// <summary>False when the name is taken (the primary key decides, not a check before the insert).</summary>
    public static bool Insert(WriteContext w, string name, string contentType, byte[] image, long createdBy) =>
        w.Connection.Execute(
            "INSERT INTO custom_emoji(name, content_type, image, created_by, created_at) VALUES (@name, @contentType, @image, @createdBy, @now) ON CONFLICT(name) DO NOTHING",
            new { name, contentType, image, createdBy, now = w.NowMs }, w.Transaction) > 0;

    public static bool Delete(WriteContext w, string name) =>
        w.Connection.Execute("DELETE FROM custom_emoji WHERE name = @name", new { name }, w.Transaction) > 0;
}
