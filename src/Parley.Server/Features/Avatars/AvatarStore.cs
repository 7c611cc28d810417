using Dapper;
using Parley.Server.Storage;

namespace Parley.Server.Features.Avatars;

/// <summary>A user's current avatar: the blob key of its renditions and their sizes.</summary>
public sealed class AvatarRecord
{
    public long UserId { get; init; }
    public string BlobKey { get; init; } = "";
    public long Bytes512 { get; init; }
    public long Bytes256 { get; init; }
    public long Bytes64 { get; init; }

    public long BytesOf(int side) => side switch { 512 => Bytes512, 256 => Bytes256, _ => Bytes64 };
}

/// <summary>SQL of <c>user_avatars</c>. Writes run in the writer's transaction and hand back the key they replaced, whose blobs go after commit.</summary>
public sealed class AvatarStore(Database database)
{
    private const string Columns = "user_id AS UserId, blob_key AS BlobKey, bytes_512 AS Bytes512, bytes_256 AS Bytes256, bytes_64 AS Bytes64";

    public async Task<AvatarRecord?> FindAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<AvatarRecord>($"SELECT {Columns} FROM user_avatars WHERE user_id = @userId", new { userId });
    }

    /// <summary>Removes the user's avatar row; the blob key it had, or null.</summary>
    public static string? Delete(WriteContext w, long userId) =>
        w.Connection.QuerySingleOrDefault<string?>("DELETE FROM user_avatars WHERE user_id = @userId RETURNING blob_key", new { userId }, w.Transaction);

    /// <summary>Makes <paramref name="key"/> the user's avatar; the key it replaced, or null.</summary>
    public static string? Replace(WriteContext w, long userId, string key, IReadOnlyList<AvatarRendition> renditions)
    {
        var old = Delete(w, userId);
        long Bytes(int side) => renditions.Single(r => r.Side == side).Bytes;
        w.Connection.Execute(
            "INSERT INTO user_avatars(user_id, blob_key, bytes_512, bytes_256, bytes_64, updated_at) VALUES (@userId, @key, @b512, @b256, @b64, @now)",
            new { userId, key, b512 = Bytes(512), b256 = Bytes(256), b64 = Bytes(64), now = w.NowMs }, w.Transaction);
        return old;
    }

    /// <summary>The blob key of one rendition.</summary>
    public static string BlobOf(string key, int side) => $"{key}-{side}";

    /// <summary>
    /// The avatar's URL in DTOs: the version is the start of the blob key, so it changes with the picture and the
    /// response may be cached for a year (see AvatarsApi). Null without an avatar.
    /// </summary>
    public static string? UrlOf(long userId, string? key) => key is null ? null : $"/api/v1/users/{userId}/avatar?v={key[..12]}";
}
