using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;

namespace Parley.Server.Features.Files;

public static class FilesApi
{
    /// <summary>Header of the resumable protocol (named as in tus, whose offset semantics we follow).</summary>
    public const string OffsetHeader = "Upload-Offset";

    /// <summary>
    /// GET routes of files also answer HEAD (RFC 9110 §9.3.2: same status and headers, no body); clients and proxies
    /// ask a file's size or an upload's offset that way, and minimal APIs map only the verbs they are given.
    /// </summary>
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static void MapFilesApi(this RouteGroupBuilder api)
    {
        var files = api.MapGroup("/files").WithTags("Files");

        files.MapPost("/", async (HttpContext http, FileService service, Microsoft.Extensions.Options.IOptionsMonitor<FilesOptions> options) =>
            {
                // Kestrel's global body limit is for JSON; only this request may carry a whole file (+ multipart framing).
                var limit = options.CurrentValue.MaxFileSize + 64 * 1024;
                if (http.Request.ContentLength > limit) throw service.TooLarge(); // refused before a byte is read
                RaiseBodyLimit(http, limit);
                var (name, type, body) = await FileSectionAsync(http.Request, service);
                var file = await service.StoreAsync(CurrentUser.Id(http.User), name, type, body, http.RequestAborted);
                return TypedResults.Created($"/api/v1/files/{file.Id}", file);
            })
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<FileDto>(StatusCodes.Status201Created)
            .WithSummary("Uploads one file (multipart field `file`). Visible only to the uploader until sent in a message with fileIds.");

        // Anonymous at the routing level: FileLinks.Authorize accepts a valid signed link or else requires the bearer (401).
        files.MapMethods("/{id:long}", GetOrHead, async (long id, HttpContext http, FileService service, FileLinks links) =>
            {
                var (f, inline) = await links.AuthorizeAsync(http, id, thumbnail: false);
                await FileResponses.WriteAsync(http, service, f.BlobKey, f.Size, f.ContentType, f.Name, attachment: !inline);
            })
            .AllowAnonymous()
            .WithSummary("Downloads a file (Range supported), with the bearer token or a signed link (variant, uid, exp, sig from POST /files/{id}/links). Members of the conversation it was sent in, or its uploader before that; 404 for anyone else.");

        files.MapMethods("/{id:long}/thumbnail", GetOrHead, async (long id, HttpContext http, FileService service, FileLinks links) =>
            {
                var (f, _) = await links.AuthorizeAsync(http, id, thumbnail: true);
                await FileResponses.WriteThumbnailAsync(http, service, f);
            })
            .AllowAnonymous()
            .WithSummary("A server-made thumbnail of an image file (at most Parley:Files:ThumbnailSize pixels per side), with the bearer token or a signed link.");

        files.MapPost("/{id:long}/links", (long id, HttpContext http, FileLinks links) => links.IssueAsync(CurrentUser.Id(http.User), id))
            .Produces<FileLinksDto>()
            .WithSummary("Short-lived signed URLs (download, inline for images/video/audio/PDF/text, thumbnail) that work without the bearer token, e.g. in <img src>. Same visibility as the download; lifetime Parley:Files:LinkLifetime.");

        api.MapGet("/conversations/{id:long}/files", async (long id, string? query, long? beforeId, int? limit, HttpContext http, FileService service) =>
                new ListResponse<FileDto>(await service.ListAsync(CurrentUser.Id(http.User), id, query, beforeId, limit)))
            .WithTags("Files")
            .WithSummary("Files shared in a conversation, newest first; query filters by name. Members only.");

        var uploads = api.MapGroup("/uploads").WithTags("Files");

        uploads.MapPost("/", async (CreateUploadRequest request, HttpContext http, UploadService service) =>
            {
                var upload = await service.CreateAsync(CurrentUser.Id(http.User), request);
                return TypedResults.Created($"/api/v1/uploads/{upload.UploadId}", upload);
            })
            .WithSummary("Starts a resumable upload of a large file: {name, size, contentType} → {uploadId, chunkSize, offset}.");

        uploads.MapMethods("/{uploadId}", GetOrHead, async (string uploadId, HttpContext http, UploadService service) =>
            {
                var upload = await service.GetAsync(CurrentUser.Id(http.User), uploadId);
                http.Response.Headers[OffsetHeader] = upload.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return upload;
            })
            .WithSummary("The upload's state; offset is how many bytes the server holds (resume from there).");

        uploads.MapPatch("/{uploadId}", async (string uploadId, HttpContext http, UploadService service, Microsoft.Extensions.Options.IOptionsMonitor<FilesOptions> options) =>
            {
                RaiseBodyLimit(http, options.CurrentValue.ChunkSize);
                var offset = long.TryParse(http.Request.Headers[OffsetHeader], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var o) ? o : (long?)null;
                var upload = await service.AppendAsync(CurrentUser.Id(http.User), uploadId, offset, http.Request.ContentLength, http.Request.Body, http.RequestAborted);
                http.Response.Headers[OffsetHeader] = upload.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return upload;
            })
            .Accepts<byte[]>("application/offset+octet-stream", "application/octet-stream")
            .WithSummary("Appends raw bytes at Upload-Offset (must equal the server's offset); at most chunkSize bytes per request.");

        uploads.MapPost("/{uploadId}/complete", async (string uploadId, HttpContext http, UploadService service) =>
            {
                var file = await service.CompleteAsync(CurrentUser.Id(http.User), uploadId);
                return TypedResults.Created($"/api/v1/files/{file.Id}", file);
            })
            .WithSummary("Finishes an upload whose offset equals its size; returns the stored file.");

        uploads.MapDelete("/{uploadId}", async (string uploadId, HttpContext http, UploadService service) =>
            {
                await service.CancelAsync(CurrentUser.Id(http.User), uploadId);
                return TypedResults.NoContent();
            })
            .WithSummary("Cancels an upload and discards its bytes.");
    }

    private static void RaiseBodyLimit(HttpContext http, long limit)
    {
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
    }

    /// <summary>
    /// Streams the multipart section named <c>file</c> without buffering the form (IFormFile would spool
    /// it to disk first, and FormOptions caps it at 128 MB).
    /// </summary>
    private static async Task<(string? Name, string? ContentType, Stream Body)> FileSectionAsync(HttpRequest request, FileService service)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new ParleyException(415, ErrorCodes.UnsupportedMediaType, "Send the file as multipart/form-data with a field named 'file'.");
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
            throw ParleyException.Invalid("file", "The multipart boundary is missing or too long.");
        var reader = new MultipartReader(boundary, request.Body);
        while (await NextSectionAsync(reader, request, service) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var cd) || !cd.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)) continue;
            if (!string.Equals(HeaderUtilities.RemoveQuotes(cd.Name).Value, "file", StringComparison.Ordinal)) continue;
            var name = cd.FileNameStar.HasValue ? cd.FileNameStar.Value : HeaderUtilities.RemoveQuotes(cd.FileName).Value;
            return (name, section.ContentType, section.Body);
        }
        throw ParleyException.Invalid("file", "The form has no field named 'file'.");
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, HttpRequest request, FileService service)
    {
        try
        {
            return await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw service.TooLarge();
        }
        catch (IOException)
        {
            // MultipartReader reports a malformed body (bad boundary, oversized headers) as IOException.
            throw ParleyException.Invalid("file", "The multipart body is malformed.");
        }
    }
}
