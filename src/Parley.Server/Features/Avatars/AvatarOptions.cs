namespace Parley.Server.Features.Avatars;

/// <summary>
/// Uploaded avatars (<c>Parley:Avatars</c>). Pixel count and decode budget are the files feature's
/// (<c>Parley:Files:MaxImagePixels</c>, <c>MaxThumbnailDecodeBytes</c>): one rule for every image the server decodes.
/// </summary>
public sealed class AvatarOptions
{
    public const string Section = "Parley:Avatars";

    /// <summary>Largest upload, in bytes. 10 MiB holds a full-size phone photo; the stored renditions are a few tens of KiB.</summary>
    public long MaxBytes { get; set; } = 10L * 1024 * 1024;
}
