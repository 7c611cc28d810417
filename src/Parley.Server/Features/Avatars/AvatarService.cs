using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Files;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Avatars;

/// <summary>
/// Uploaded avatars. Order of a change, as for files: renditions to the blob store first, then the row and the
/// <c>user.avatar_changed</c> system event in one write, then the replaced blobs are deleted; a crash in between leaves
/// unreferenced blobs, never a row without bytes. Users change their own; users.manage may remove anyone's.
/// </summary>
public sealed class AvatarService(
    AvatarStore store, UserService users, IBlobStore blobs, FileService files, WriteQueue writer, SessionCache cache,
    IOptions<AvatarOptions> options, IOptions<FilesOptions> fileOptions, ILogger<AvatarService> logger)
{
    public ParleyException TooLarge() => new(413, ErrorCodes.FileTooLarge, $"An avatar may be at most {options.Value.MaxBytes:N0} bytes.");

    public async Task<UserRecord> SetAsync(long userId, Stream body, long? contentLength, AvatarCrop? crop, Actor actor, CancellationToken cancellationToken)
    {
        if (contentLength > options.Value.MaxBytes) throw TooLarge(); // refused before a byte is read
        var key = FileService.NewKey();
        var staged = Path.Combine(files.StagingDirectory, "avatar-" + key);
        IReadOnlyList<AvatarRendition> renditions = [];
        try
        {
            await using (var file = new FileStream(staged, PrivateFiles.NewFile(FileMode.CreateNew, FileAccess.Write, FileShare.None, useAsync: true)))
            {
                try
                {
                    if (await files.CopyLimitedAsync(body, file, options.Value.MaxBytes, cancellationToken, TooLarge) == 0)
                        throw ParleyException.Invalid("body", "Send the picture as the request body.");
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    throw TooLarge();
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
                {
                    throw new ParleyException(400, ErrorCodes.ValidationFailed, "The upload was interrupted; send it again.");
                }
            }
            var f = fileOptions.Value;
            renditions = await files.DecodingAsync(() => AvatarRenderer.Render(staged, crop, f.MaxImagePixels, f.MaxThumbnailDecodeBytes));
            foreach (var r in renditions) await blobs.PutFileAsync(AvatarStore.BlobOf(key, r.Side), r.Path, "image/webp", CancellationToken.None);
            string? replaced;
            try
            {
                replaced = await writer.ExecuteAsync(w =>
                {
                    _ = UserStore.Get(w, userId) ?? throw ParleyException.NotFound("The user");
                    var old = AvatarStore.Replace(w, userId, key, renditions);
                    SystemLog.Append(w, actor, SystemEventTypes.UserAvatarChanged, userId, new { action = "set", bytes = renditions.Sum(r => r.Bytes) });
                    UserUpdates.Publish(w, userId);
                    return old;
                });
            }
            catch
            {
                await DeleteBlobsAsync(key);
                throw;
            }
            if (replaced is not null) await DeleteBlobsAsync(replaced);
            cache.EvictUser(userId, ended: false);
            return await users.GetAsync(userId);
        }
        finally
        {
            FileService.TryDelete(staged);
            foreach (var r in renditions) FileService.TryDelete(r.Path);
        }
    }

    /// <summary>Removes the avatar (the initial and colour show again). Someone else's needs users.manage. Idempotent.</summary>
    public async Task<UserRecord> RemoveAsync(long userId, Actor actor)
    {
        if (actor.UserId != userId) actor.Require(Contracts.Permissions.UsersManage);
        var removed = await writer.ExecuteAsync(w =>
        {
            _ = UserStore.Get(w, userId) ?? throw ParleyException.NotFound("The user");
            var old = AvatarStore.Delete(w, userId);
            if (old is null) return null;
            SystemLog.Append(w, actor, SystemEventTypes.UserAvatarChanged, userId, new { action = "removed" });
            UserUpdates.Publish(w, userId);
            return old;
        });
        if (removed is not null)
        {
            await DeleteBlobsAsync(removed);
            cache.EvictUser(userId, ended: false);
        }
        return await users.GetAsync(userId);
    }

    /// <summary>The avatar of a side (64, 256 or 512); 404 for an unknown user or one without an avatar.</summary>
    public async Task<(AvatarRecord Avatar, int Side)> FindAsync(long userId, int? size)
    {
        var side = size ?? 256;
        if (!AvatarRenderer.Sides.Contains(side)) throw ParleyException.Invalid("size", "size is 64, 256 or 512.");
        return (await store.FindAsync(userId) ?? throw ParleyException.NotFound("The avatar"), side);
    }

    public async Task<Stream> OpenAsync(AvatarRecord avatar, int side, CancellationToken cancellationToken) =>
        await blobs.OpenReadAsync(AvatarStore.BlobOf(avatar.BlobKey, side), 0, avatar.BytesOf(side), cancellationToken)
        ?? throw ParleyException.NotFound("The avatar");

    private async Task DeleteBlobsAsync(string key)
    {
        foreach (var side in AvatarRenderer.Sides)
        {
            try
            {
                await blobs.DeleteAsync(AvatarStore.BlobOf(key, side), CancellationToken.None);
            }
            catch (Exception ex)
            {
                AvatarsLog.BlobDeleteFailed(logger, key, ex); // a leaked blob costs space, not correctness
            }
        }
    }
}
