using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Files;

namespace Parley.Server.Features.Bundles;

public static class BundlesApi
{
    /// <summary>GET routes of bundle files also answer HEAD, like the file routes.</summary>
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static void MapBundlesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations/{id:long}/bundles", async (long id, ForwardBundleRequest request, HttpContext http, BundleService service) =>
            {
                var m = await service.ForwardAsync(CurrentUser.Id(http.User), id, request);
                return TypedResults.Created($"/api/v1/messages/{m.Id}", m);
            })
            .WithTags("Messages")
            .WithSummary("Merge-forward: messages of one source conversation (1–100, member of both) become one bundle message here, a snapshot; idempotent by clientMsgId.");

        var bundle = api.MapGroup("/messages/{id:long}/bundle").WithTags("Messages");

        bundle.MapGet("/", (long id, HttpContext http, BundleService service) => service.TranscriptAsync(CurrentUser.Id(http.User), id, null))
            .WithSummary("The read-only transcript of a bundle message, oldest first. Members of the bundle message's conversation.");

        bundle.MapGet("/items/{itemId:long}", (long id, long itemId, HttpContext http, BundleService service) =>
                service.TranscriptAsync(CurrentUser.Id(http.User), id, itemId))
            .WithSummary("The transcript of a bundle nested inside a bundle message (an item with a bundle).");

        bundle.MapMethods("/files/{fileId:long}", GetOrHead, async (long id, long fileId, HttpContext http, BundleService service, FileService files) =>
            {
                var f = await service.FileAsync(CurrentUser.Id(http.User), id, fileId);
                await FileResponses.WriteAsync(http, files, f.BlobKey, f.Size, f.ContentType, f.Name, attachment: true);
            })
            .WithSummary("Downloads a file inside a bundle (Range supported), for members of the bundle message's conversation; the file's own route stays closed to them.");

        bundle.MapMethods("/files/{fileId:long}/thumbnail", GetOrHead, async (long id, long fileId, HttpContext http, BundleService service, FileService files) =>
            {
                await FileResponses.WriteThumbnailAsync(http, files, await service.FileAsync(CurrentUser.Id(http.User), id, fileId));
            })
            .WithSummary("The thumbnail of an image inside a bundle.");
    }
}
