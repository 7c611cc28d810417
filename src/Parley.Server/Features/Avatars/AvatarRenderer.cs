using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Files;
using Parley.Server.Storage;
using SkiaSharp;

namespace Parley.Server.Features.Avatars;

/// <summary>A square in the picture as it is shown (after EXIF orientation), in its pixels.</summary>
public sealed record AvatarCrop(int X, int Y, int Size);

/// <summary>One rendition written to <paramref name="Path"/>: a square WebP of <paramref name="Side"/> pixels.</summary>
public sealed record AvatarRendition(int Side, string Path, long Bytes);

/// <summary>
/// Turns an uploaded picture into the avatar's renditions with the same SkiaSharp steps as file thumbnails
/// (<see cref="ImageProbe"/>: header first and the pixel count checked before any decode, JPEG and WebP decoded at a
/// reduced scale inside the codec, a decode over the budget refused, EXIF orientation applied), then the chosen square
/// cut out and scaled to each side. GIFs give their first frame. Output is WebP: lossy at quality 85 is a third of
/// the PNG of a photo and keeps transparency.
/// </summary>
public static class AvatarRenderer
{
    /// <summary>The sides served: the normalised original, the profile card's, and the lists'.</summary>
    public static readonly int[] Sides = [512, 256, 64];

    public const int Quality = 85;

    public static IReadOnlyList<AvatarRendition> Render(string path, AvatarCrop? crop, long maxPixels, long maxDecodeBytes)
    {
        using var codec = ImageProbe.Open(path, maxPixels, out _)
            ?? throw new ParleyException(415, ErrorCodes.ImageUnsupported, "An avatar must be a PNG, JPEG, WebP or GIF image.");
        var (width, height) = ImageProbe.OrientedSize(codec);
        var square = Square(crop, width, height);
        var (decoded, decodeBytes) = ImageProbe.Decode(codec, Math.Min(1f, (float)Sides[0] / square.Size), maxDecodeBytes);
        if (decoded is null)
        {
            throw decodeBytes == 0
                ? new ParleyException(413, ErrorCodes.ImageTooLarge, $"Decoding this image needs more than {maxDecodeBytes:N0} bytes; use a smaller picture.")
                : new ParleyException(415, ErrorCodes.ImageUnsupported, "The image could not be decoded.");
        }
        using (decoded)
        {
            using var oriented = ImageProbe.Orient(decoded, codec.EncodedOrigin);
            using var image = SKImage.FromBitmap(oriented);
            // The decode may be smaller than the picture (codec scaling): the square scales with it.
            var f = (float)oriented.Width / width;
            var source = new SKRect(square.X * f, square.Y * f, (square.X + square.Size) * f, (square.Y + square.Size) * f);
            var written = new List<AvatarRendition>();
            try
            {
                foreach (var side in Sides)
                {
                    var target = $"{path}.{side}.webp";
                    written.Add(new AvatarRendition(side, target, Write(image, source, side, target)));
                }
                return written;
            }
            catch
            {
                foreach (var r in written) File.Delete(r.Path);
                throw;
            }
        }
    }

    /// <summary>The requested square, checked against the picture; without one, the largest centred square.</summary>
    internal static AvatarCrop Square(AvatarCrop? crop, int width, int height)
    {
        if (crop is null)
        {
            var side = Math.Min(width, height);
            return new AvatarCrop((width - side) / 2, (height - side) / 2, side);
        }
        if (crop.Size < 1 || crop.X < 0 || crop.Y < 0 || (long)crop.X + crop.Size > width || (long)crop.Y + crop.Size > height)
            throw ParleyException.Invalid("crop", $"The square ({crop.X}, {crop.Y}, {crop.Size}) must lie inside the {width} × {height} picture.");
        return crop;
    }

    private static long Write(SKImage image, SKRect source, int side, string target)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            // Mipmaps keep a 4000 px photo scaled to 64 px from aliasing.
            canvas.DrawImage(image, source, new SKRect(0, 0, side, side), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Webp, Quality)
            ?? throw new InvalidOperationException("SkiaSharp could not encode WebP.");
        using (var file = new FileStream(target, PrivateFiles.NewFile(FileMode.Create, FileAccess.Write, FileShare.None))) data.SaveTo(file);
        return data.Size;
    }
}
