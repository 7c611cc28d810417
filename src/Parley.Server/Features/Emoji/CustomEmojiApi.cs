using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Emoji;

public static class CustomEmojiApi
{
    public static void MapCustomEmojiApi(this RouteGroupBuilder api)
    {
        var emoji = api.MapGroup("/custom-emoji").WithTags("Custom emoji");

        emoji.MapGet("", async (CustomEmojiService service) => new ListResponse<CustomEmojiDto>(await service.ListAsync()))
            .WithSummary("Custom emoji for reactions (a reaction names one as \":name:\").");

        emoji.MapGet("/{name}/image", async (string name, CustomEmojiService service, HttpContext http) =>
            {
                var image = await service.ImageAsync(name);
                // A name is never reused for another image while it exists; private: only signed-in users fetch it.
                http.Response.Headers.CacheControl = "private, max-age=86400";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.File(image.Bytes, image.ContentType);
            })
            .WithSummary("The emoji's image (PNG, GIF, JPEG or WebP).");

        emoji.MapPost("", async (HttpRequest request, CustomEmojiService service, HttpContext http) =>
            {
                if (!request.HasFormContentType) throw ParleyException.Invalid("file", "Send multipart/form-data with fields name and file.");
                // Refused before a byte is read, with the same code as the size check below (the JSON body limit would say payload_too_large).
                if (request.ContentLength > CustomEmojiService.MaxImageBytes + 16 * 1024) throw TooLarge();
                // The JSON body limit (256 KB) sits just at the image limit: room for the multipart framing.
                if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                    limit.MaxRequestBodySize = CustomEmojiService.MaxImageBytes + 16 * 1024;
                var form = await request.ReadFormAsync(http.RequestAborted);
                var file = form.Files.GetFile("file") ?? throw ParleyException.Invalid("file", "The image file is missing.");
                if (file.Length > CustomEmojiService.MaxImageBytes) throw TooLarge();
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, http.RequestAborted);
                var created = await service.AddAsync(Actor.Of(http), form["name"].ToString(), buffer.ToArray());
                return TypedResults.Created($"/api/v1/custom-emoji/{created.Name}/image", created);
            })
            .RequirePermission(Permissions.SystemManage)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<CustomEmojiDto>(201)
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413)
            .WithSummary("Adds a custom emoji (system.manage): multipart fields name (2–30 of a–z 0–9 _ + -) and file (image, at most 256 KB).");

        emoji.MapDelete("/{name}", async (string name, CustomEmojiService service, HttpContext http) =>
            {
                await service.RemoveAsync(Actor.Of(http), name);
                return TypedResults.NoContent();
            })
            .RequirePermission(Permissions.SystemManage)
            .WithSummary("Removes a custom emoji (system.manage); reactions already given keep their \":name:\" text.");
    }

    private static ParleyException TooLarge() =>
        new(413, ErrorCodes.FileTooLarge, $"An emoji image may be at most {CustomEmojiService.MaxImageBytes / 1024} KB.");

}
