using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Storage;
using SkiaSharp;

namespace Parley.Server.Features.Files;

/// <summary>
/// What <see cref="ImageProbe"/> learned about an uploaded image. <paramref name="DecodeBytes"/> is the size of the
/// pixel buffers allocated to decode it for the thumbnail (0 when none was made).
/// </summary>
public sealed record ImageInfo(string ContentType, int Width, int Height, string? ThumbnailPath, string? ThumbnailType, long ThumbnailBytes, long DecodeBytes);

/// <summary>
/// Dimensions and a thumbnail with SkiaSharp (MIT; see docs/files.md for why not ImageSharp). The header is
/// read first and the pixel count checked before anything is decoded, so a small file that claims
/// 100,000 × 100,000 pixels (a decompression bomb) is refused without allocating its bitmap. Below that limit a
/// full-size decode is still a bomb: a 113 KiB zero-filled 6300 × 6300 PNG needed a 159 MB bitmap (issue 13). So
/// JPEG and WebP decode at a reduced scale inside the codec, and a decode whose bitmap would exceed
/// <c>maxDecodeBytes</c> is not made: the image is stored with its dimensions but without a thumbnail.
/// </summary>
public static class ImageProbe
{
    private static readonly Dictionary<SKEncodedImageFormat, string> Served = new()
    {
        [SKEncodedImageFormat.Png] = "image/png",
        [SKEncodedImageFormat.Jpeg] = "image/jpeg",
        [SKEncodedImageFormat.Gif] = "image/gif",
        [SKEncodedImageFormat.Webp] = "image/webp",
    };

    /// <summary>Null when the file is not an image we preview. Throws 413 image_too_large for too many pixels.</summary>
    public static ImageInfo? Probe(string path, long maxPixels, int thumbnailSize, long maxDecodeBytes)
    {
        using var codec = Open(path, maxPixels, out var type);
        if (codec is null) return null;
        var (width, height) = OrientedSize(codec);
        var thumbPath = path + ".thumb";
        var (thumbType, decodeBytes) = WriteThumbnail(codec, thumbnailSize, maxDecodeBytes, thumbPath);
        return new ImageInfo(type, width, height, thumbType is null ? null : thumbPath, thumbType, thumbType is null ? 0 : new FileInfo(thumbPath).Length, decodeBytes);
    }

    /// <summary>
    /// The codec of an image we accept (PNG, JPEG, GIF, WebP) with its served type; null when the file is none of them.
    /// Only the header is read; more than <paramref name="maxPixels"/> is a 413 image_too_large (a decompression bomb).
    /// Avatars (Features/Users/AvatarRenderer) open their uploads the same way.
    /// </summary>
    internal static SKCodec? Open(string path, long maxPixels, out string type)
    {
        type = "";
        var codec = SKCodec.Create(path, out var result);
        if (codec is null || result != SKCodecResult.Success || !Served.TryGetValue(codec.EncodedFormat, out var served) || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            codec?.Dispose();
            return null;
        }
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if ((long)w * h > maxPixels)
        {
            codec.Dispose();
            throw new ParleyException(413, ErrorCodes.ImageTooLarge, $"The image has {(long)w * h:N0} pixels; at most {maxPixels:N0} are accepted.");
        }
        type = served;
        return codec;
    }

    /// <summary>Width and height as the picture is shown, after its EXIF orientation (a portrait phone photo is stored on its side).</summary>
    internal static (int Width, int Height) OrientedSize(SKCodec codec)
    {
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        var transposed = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        return transposed ? (h, w) : (w, h);
    }

    private static (string? Type, long DecodeBytes) WriteThumbnail(SKCodec codec, int size, long maxDecodeBytes, string target)
    {
        var info = codec.Info;
        var scale = Math.Min(1f, (float)size / Math.Max(info.Width, info.Height));
        var tw = Math.Max(1, (int)Math.Round(info.Width * scale));
        var th = Math.Max(1, (int)Math.Round(info.Height * scale));
        var (decoded, decodeBytes) = Decode(codec, scale, maxDecodeBytes);
        if (decoded is null) return (null, decodeBytes); // corrupt, or over the decode budget: keep the file, no preview
        using (decoded)
        {
            using var resized = decoded.Width == tw && decoded.Height == th
                ? decoded.Copy()
                : decoded.Resize(new SKImageInfo(tw, th, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            if (resized is null) return (null, decodeBytes);
            using var oriented = Orient(resized, codec.EncodedOrigin);
            using var image = SKImage.FromBitmap(oriented);
            // Opaque pictures compress far better as JPEG; anything with transparency stays PNG.
            var opaque = info.AlphaType == SKAlphaType.Opaque;
            using var data = image.Encode(opaque ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, 80);
            if (data is null) return (null, decodeBytes);
            using (var file = new FileStream(target, PrivateFiles.NewFile(FileMode.Create, FileAccess.Write, FileShare.None))) data.SaveTo(file);
            return (opaque ? "image/jpeg" : "image/png", decodeBytes);
        }
    }

    /// <summary>
    /// The smallest decode this codec allows, and the bytes of its pixel buffer; no decode when that is over the budget.
    /// JPEG (DCT scaling) and WebP scale inside the codec; PNG and GIF cannot (this Skia build's PNG codec has no
    /// row-by-row decoding either), so they decode whole and only while that fits.
    /// </summary>
    internal static (SKBitmap? Bitmap, long DecodeBytes) Decode(SKCodec codec, float scale, long maxDecodeBytes)
    {
        var size = codec.GetScaledDimensions(scale);
        var bytes = 4L * size.Width * size.Height;
        if (bytes > maxDecodeBytes) return (null, 0);
        var decodeInfo = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var decoded = new SKBitmap(decodeInfo);
        var r = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (r is SKCodecResult.Success or SKCodecResult.IncompleteInput) return (decoded, bytes);
        decoded.Dispose();
        return (null, bytes);
    }

    /// <summary>Applies the EXIF orientation of phone photos (rotations; mirrored variants are rare and left as they are).</summary>
    internal static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var degrees = origin switch
        {
            SKEncodedOrigin.BottomRight => 180,
            SKEncodedOrigin.RightTop => 90,
            SKEncodedOrigin.LeftBottom => 270,
            _ => 0,
        };
        if (degrees == 0) return source.Copy();
        var swap = degrees != 180;
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(result);
        canvas.Translate(result.Width / 2f, result.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        return result;
    }
}
