using System.Text.RegularExpressions;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Storage;

namespace Parley.Server.Features.Emoji;

/// <summary>
/// Custom emoji for reactions (issue 20): administrators with system.manage add and remove them; every signed-in
/// user lists them and loads their images. A reaction names one as ":name:", which the message service checks.
/// </summary>
public sealed partial class CustomEmojiService(CustomEmojiStore store, WriteQueue writer)
{
    /// <summary>Emoji are drawn at 20–32 px: 256 KB holds any sensible PNG, GIF or WebP of that size.</summary>
    public const int MaxImageBytes = 256 * 1024;

    // ":name:" must fit the reaction column's 32 characters.
    [GeneratedRegex("^[a-z0-9_+-]{2,30}$")]
    private static partial Regex NamePattern();

    public static bool IsCustomReaction(string emoji, out string name)
    {
        name = emoji.Length > 2 && emoji[0] == ':' && emoji[^1] == ':' ? emoji[1..^1] : "";
        return name.Length > 0;
    }

    public async Task<IReadOnlyList<CustomEmojiDto>> ListAsync() =>
        (await store.ListAsync()).Select(r => new CustomEmojiDto(r.Name, r.ContentType, r.CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt))).ToList();

    public async Task<CustomEmojiStore.Image> ImageAsync(string name) =>
        await store.ImageAsync(name) ?? throw ParleyException.NotFound("The emoji");

    public async Task<CustomEmojiDto> AddAsync(Actor actor, string? name, byte[] image)
    {
        actor.Require(Permissions.SystemManage);
        if (name is null || !NamePattern().IsMatch(name))
            throw ParleyException.Invalid("name", "The name must be 2–30 characters: lower-case letters, digits, '_', '+' or '-'.");
        if (image.Length == 0) throw ParleyException.Invalid("file", "The image is empty.");
        if (image.Length > MaxImageBytes) throw new ParleyException(413, ErrorCodes.FileTooLarge, $"An emoji image may be at most {MaxImageBytes / 1024} KB.");
        var contentType = Sniff(image) ?? throw ParleyException.Invalid("file", "The image must be a PNG, GIF, JPEG or WebP file.");
        return await writer.ExecuteAsync(w =>
        {
            if (!CustomEmojiStore.Insert(w, name, contentType, image, actor.UserId ?? 0))
                throw new ParleyException(409, ErrorCodes.Conflict, $"An emoji named '{name}' exists already.");
            return new CustomEmojiDto(name, contentType, actor.UserId ?? 0, DateTimeOffset.FromUnixTimeMilliseconds(w.NowMs));
        });
    }

    public async Task RemoveAsync(Actor actor, string name)
    {
        actor.Require(Permissions.SystemManage);
        // Reactions already given with it stay (their text is ":name:"); clients show the name where the image is gone.
        if (!await writer.ExecuteAsync(w => CustomEmojiStore.Delete(w, name))) throw ParleyException.NotFound("The emoji");
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The type from the file's first bytes; the declared type is not trusted (the image is served to everyone).</summary>
    internal static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 8 && b[..8].SequenceEqual(PngSignature)) return "image/png";
        if (b.Length >= 6 && (b[..6].SequenceEqual("GIF87a"u8) || b[..6].SequenceEqual("GIF89a"u8))) return "image/gif";
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "image/jpeg";
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }
}
