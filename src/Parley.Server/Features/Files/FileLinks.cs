using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Files;

/// <summary>Short-lived signed URLs for a file: what an &lt;img&gt;, &lt;video&gt; or plain link can load without a bearer token.</summary>
public sealed record FileLinksDto(long FileId, string DownloadUrl, string? InlineUrl, string? ThumbnailUrl, DateTimeOffset ExpiresAt);

public static class FileLinkVariants
{
    public const string Download = "download";
    public const string Inline = "inline";
    public const string Thumbnail = "thumbnail";
}

public static class FileLinkErrors
{
    public const string Invalid = "link_invalid";
    public const string Expired = "link_expired";
}

/// <summary>
/// Issues and checks signed file links. A link is <c>?variant=&amp;uid=&amp;exp=&amp;sig=</c> where sig is
/// HMAC-SHA256 over (file id, variant, issuing user, exp). Authorization happens twice: when the link is issued
/// (the bearer's FindVisible check) and again when it is used (FindVisible for the user it was issued to), so
/// leaving the conversation or deleting the message revokes outstanding links at once, as it hides the file.
/// </summary>
public sealed class FileLinks(FileService files, FileLinkKey key, IOptions<FilesOptions> options, TimeProvider time)
{
    /// <summary>Links expire on a whole minute, so links issued within the same minute are identical URLs and the browser's cache hits.</summary>
    private const long ExpiryGranularitySeconds = 60;

    public async Task<FileLinksDto> IssueAsync(long userId, long fileId)
    {
        var file = await files.ReadableAsync(userId, fileId);
        var earliest = time.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds();
        var exp = (earliest + ExpiryGranularitySeconds - 1) / ExpiryGranularitySeconds * ExpiryGranularitySeconds;
        var path = $"/api/v1/files/{file.Id}";
        return new FileLinksDto(
            file.Id,
            path + Query(file.Id, FileLinkVariants.Download, userId, exp),
            MayShowInline(file.ContentType) ? path + Query(file.Id, FileLinkVariants.Inline, userId, exp) : null,
            file.ThumbKey is null ? null : path + "/thumbnail" + Query(file.Id, FileLinkVariants.Thumbnail, userId, exp),
            DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    private string Query(long fileId, string variant, long userId, long exp) =>
        string.Create(CultureInfo.InvariantCulture, $"?variant={variant}&uid={userId}&exp={exp}&sig={Sign(fileId, variant, userId, exp)}");

    internal string Sign(long fileId, string variant, long userId, long exp)
    {
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"parley-file-link-v1\n{fileId}\n{variant}\n{userId}\n{exp}"));
        return Base64Url.EncodeToString(HMACSHA256.HashData(key.Bytes, payload));
    }

    /// <summary>
    /// Who reads the file and as what: with a signature in the query, the user the link was issued to (the link is
    /// checked, the bearer is not needed); without one, the signed-in user, as a download. 401 without either.
    /// </summary>
    public async Task<(FileRecord File, bool Inline)> AuthorizeAsync(HttpContext http, long fileId, bool thumbnail)
    {
        var query = http.Request.Query;
        if (!query.ContainsKey("sig"))
        {
            if (http.User.Identity?.IsAuthenticated != true)
                throw new ParleyException(401, ErrorCodes.Unauthenticated, "Sign in, or use a signed link from POST /api/v1/files/{id}/links.");
            return (await files.ReadableAsync(Auth.CurrentUser.Id(http.User), fileId), false);
        }
        var variant = query["variant"].ToString();
        var validVariant = thumbnail ? variant == FileLinkVariants.Thumbnail : variant is FileLinkVariants.Download or FileLinkVariants.Inline;
        if (!validVariant
            || !long.TryParse(query["uid"], NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !long.TryParse(query["exp"], NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            || !SignatureMatches(query["sig"].ToString(), Sign(fileId, variant, userId, exp)))
            throw new ParleyException(403, FileLinkErrors.Invalid, "This file link is not valid for this file; ask for a new one.");
        if (time.GetUtcNow().ToUnixTimeSeconds() >= exp)
            throw new ParleyException(403, FileLinkErrors.Expired, "This file link has expired; ask for a new one.");
        var file = await files.ReadableAsync(userId, fileId); // still visible to whom it was issued (not left, message not deleted)
        return (file, variant == FileLinkVariants.Inline && MayShowInline(file.ContentType));
    }

    /// <summary>Constant-time comparison, so response timing does not reveal how much of a forged signature was right.</summary>
    private static bool SignatureMatches(string given, string expected)
    {
        var a = Encoding.ASCII.GetBytes(given);
        var b = Encoding.ASCII.GetBytes(expected);
        return a.Length == b.Length && CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>
    /// Inline only for what a browser shows itself without running our origin's code: the types
    /// <see cref="ContentTypes.ForServing"/> lets through (images, video, audio, PDF, plain text). Never octet-stream.
    /// </summary>
    internal static bool MayShowInline(string contentType) =>
        contentType.StartsWith("image/", StringComparison.Ordinal) || contentType.StartsWith("video/", StringComparison.Ordinal)
        || contentType.StartsWith("audio/", StringComparison.Ordinal) || contentType == "application/pdf"
        || contentType.StartsWith("text/plain", StringComparison.Ordinal);

}
