namespace Parley.Server.Features.Files;

/// <summary>
/// The Content-Type a file is served with. Never the client's claim and never a sniff: only types a
/// browser cannot run as a document in our origin keep their type (from the decoded image format or
/// the extension); HTML, SVG, XML and everything unknown become application/octet-stream. Downloads are
/// also attachments with nosniff (see <see cref="FileResponses"/>), so even a mislabelled file cannot render.
/// </summary>
public static class ContentTypes
{
    public const string OctetStream = "application/octet-stream";

    private static readonly Dictionary<string, string> SafeByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["gif"] = "image/gif",
        ["webp"] = "image/webp",
        ["mp4"] = "video/mp4",
        ["m4v"] = "video/mp4",
        ["webm"] = "video/webm",
        ["mov"] = "video/quicktime",
        ["mp3"] = "audio/mpeg",
        ["m4a"] = "audio/mp4",
        ["ogg"] = "audio/ogg",
        ["oga"] = "audio/ogg",
        ["opus"] = "audio/ogg",
        ["wav"] = "audio/wav",
        ["pdf"] = "application/pdf",
        ["txt"] = "text/plain; charset=utf-8",
        ["log"] = "text/plain; charset=utf-8",
        ["csv"] = "text/plain; charset=utf-8",
        ["md"] = "text/plain; charset=utf-8",
    };

    /// <summary>
    /// The served type: the image format Skia decoded wins (a PNG named .txt is a PNG); otherwise the
    /// extension, if it names a safe type; otherwise octet-stream.
    /// </summary>
    public static string ForServing(string extension, string? decodedImageType) =>
        decodedImageType ?? (SafeByExtension.TryGetValue(extension, out var t) && !t.StartsWith("image/", StringComparison.Ordinal) ? t : OctetStream);

    /// <summary>The media type part of a declared Content-Type, lower-case; empty when absent or malformed.</summary>
    public static string Normalize(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared)) return "";
        var media = declared.Split(';')[0].Trim().ToLowerInvariant();
        return media.Length <= 127 && media.Count(c => c == '/') == 1 && media.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '+' or '-' or '_')
            ? media : "";
    }
}
