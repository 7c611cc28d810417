using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Avatars;

public static class AvatarsApi
{
    /// <summary>A versioned URL never changes its bytes: a year, and no revalidation (RFC 8246).</summary>
    public const string VersionedCaching = "private, max-age=31536000, immutable";

    /// <summary>Without the current version the bytes may change at any time: revalidate every use (ETag).</summary>
    public const string UnversionedCaching = "private, no-cache";

    public static void MapAvatarsApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");

        users.MapPut("/me/avatar", async (int? x, int? y, int? size, HttpContext http, AvatarService service, IOptions<AvatarOptions> options) =>
            {
                var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
                if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = options.Value.MaxBytes + 1;
                var crop = x is null && y is null && size is null ? null
                    : x is { } cx && y is { } cy && size is { } cs ? new AvatarCrop(cx, cy, cs)
                    : throw Common.ParleyException.Invalid("crop", "Give x, y and size together (the square, in the picture's pixels), or none of them.");
                return (await service.SetAsync(CurrentUser.Id(http.User), http.Request.Body, http.Request.ContentLength, crop, Actor.Of(http), http.RequestAborted)).ToDto();
            })
            .Accepts<byte[]>("image/png", "image/jpeg", "image/webp", "image/gif", "application/octet-stream")
            .Produces<UserDto>()
            .WithSummary("Sets the caller's avatar from the raw image in the body (PNG, JPEG, WebP or GIF, first frame; at most Parley:Avatars:MaxBytes). "
                + "x, y, size: the square to keep, in the picture's pixels as shown (after EXIF rotation); without them the largest centred square. Returns the user with the new avatarUrl.");

        users.MapDelete("/me/avatar", async (HttpContext http, AvatarService service) =>
                (await service.RemoveAsync(CurrentUser.Id(http.User), Actor.Of(http))).ToDto())
            .WithSummary("Removes the caller's avatar (the initial and colour show again).");

        users.MapDelete("/{id:long}/avatar", async (long id, HttpContext http, AvatarService service) =>
                (await service.RemoveAsync(id, Actor.Of(http))).ToDto())
            .RequirePermission(Contracts.Permissions.UsersManage)
            .WithSummary("Removes a user's avatar (users.manage), e.g. an unsuitable picture.");

        users.MapGet("/{id:long}/avatar", async (long id, int? size, string? v, HttpContext http, AvatarService service) =>
            {
                var (avatar, side) = await service.FindAsync(id, size);
                var response = http.Response;
                var etag = $"\"{avatar.BlobKey}-{side}\"";
                response.Headers.ETag = etag;
                response.Headers.CacheControl = v is not null && avatar.BlobKey.StartsWith(v, StringComparison.Ordinal) && v.Length >= 12 ? VersionedCaching : UnversionedCaching;
                response.Headers.XContentTypeOptions = "nosniff";
                if (http.Request.Headers.IfNoneMatch.Any(t => t == etag || t == "*"))
                {
                    response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }
                await using var stream = await service.OpenAsync(avatar, side, http.RequestAborted);
                response.ContentType = "image/webp";
                response.ContentLength = avatar.BytesOf(side);
                await stream.CopyToAsync(response.Body, http.RequestAborted);
            })
            .Produces(StatusCodes.Status200OK, contentType: "image/webp")
            .WithSummary("A user's avatar, a square WebP of size 64, 256 (default) or 512 pixels; 404 without one. With v (from avatarUrl) it is cached for a year; ETag otherwise.");
    }
}
