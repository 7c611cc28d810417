using System.Globalization;
using Microsoft.Net.Http.Headers;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Files;

/// <summary>
/// Writes a stored file to the response: one byte range (RFC 9110 §14) or the whole file, always as an
/// attachment with nosniff and a sandboxing CSP, so nothing uploaded can run as a page in our origin.
/// </summary>
public static class FileResponses
{
    public static async Task WriteAsync(HttpContext http, FileService files, string key, long size, string contentType, string fileName, bool attachment)
    {
        var response = http.Response;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.XContentTypeOptions = "nosniff";
        // Even if a browser navigates to the URL directly, the document gets no scripts, forms or origin.
        response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
        response.Headers.CacheControl = "private, max-age=86400";
        response.Headers.ETag = $"\"{key}\"";
        var disposition = new ContentDispositionHeaderValue(attachment ? "attachment" : "inline");
        disposition.SetHttpFileName(fileName); // filename= ASCII fallback plus filename*=UTF-8''… (RFC 6266)
        response.Headers.ContentDisposition = disposition.ToString();

        var (offset, length, partial) = ParseRange(http.Request.Headers.Range.ToString(), http.Request.Headers.IfRange.ToString(), key, size);
        if (length < 0)
        {
            throw new ParleyException(416, ErrorCodes.RangeNotSatisfiable, $"The range is outside the file's {size} bytes.")
            {
                Headers = new Dictionary<string, string> { [HeaderNames.ContentRange] = $"bytes */{size}" },
            };
        }
        await using var stream = await files.OpenAsync(key, offset, length, http.RequestAborted);
        response.StatusCode = partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        if (partial) response.Headers.ContentRange = $"bytes {offset}-{offset + length - 1}/{size}";
        response.ContentType = contentType;
        response.ContentLength = length;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await stream.CopyToAsync(response.Body, http.RequestAborted);
    }

    /// <summary>The server-made thumbnail of an image file (our own re-encoded JPEG/PNG, so it may be shown inline); 404 without one.</summary>
    public static Task WriteThumbnailAsync(HttpContext http, FileService files, FileRecord f)
    {
        if (f.ThumbKey is null || f.ThumbType is null) throw ParleyException.NotFound("A thumbnail of this file");
        return WriteAsync(http, files, f.ThumbKey, f.ThumbSize, f.ThumbType, "thumbnail-" + f.Name + (f.ThumbType == "image/png" ? ".png" : ".jpg"), attachment: false);
    }

    /// <summary>
    /// (offset, length, partial). length −1 means unsatisfiable. Several ranges, a malformed header or a stale
    /// If-Range fall back to the whole file, which RFC 9110 allows.
    /// </summary>
    internal static (long Offset, long Length, bool Partial) ParseRange(string header, string ifRange, string key, long size)
    {
        var whole = (0L, size, false);
        if (string.IsNullOrEmpty(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal)) return whole;
        if (!string.IsNullOrEmpty(ifRange) && ifRange != $"\"{key}\"") return whole;
        var spec = header[6..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0) return whole;
        var (first, last) = (spec[..dash].Trim(), spec[(dash + 1)..].Trim());
        const NumberStyles digits = NumberStyles.None;
        if (first.Length == 0)
        {
            // Suffix range: the last N bytes.
            if (!long.TryParse(last, digits, CultureInfo.InvariantCulture, out var suffix)) return whole;
            if (suffix == 0) return (0, -1, false);
            var n = Math.Min(suffix, size);
            return (size - n, n, true);
        }
        if (!long.TryParse(first, digits, CultureInfo.InvariantCulture, out var start)) return whole;
        if (start >= size) return (0, -1, false);
        var end = size - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, digits, CultureInfo.InvariantCulture, out var e) || e < start) return whole;
            end = Math.Min(e, size - 1);
        }
        return (start, end - start + 1, true);
    }
}
