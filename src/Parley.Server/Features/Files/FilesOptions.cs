namespace Parley.Server.Features.Files;

/// <summary>Limits and storage of uploaded files (<c>Parley:Files</c>). Validated at start-up by <see cref="FilesOptionsValidation"/>.</summary>
public sealed class FilesOptions
{
    public const string Section = "Parley:Files";

    /// <summary>Local (a folder under the data directory) or S3 (any S3-compatible object store).</summary>
    public string Provider { get; set; } = "Local";

    public static readonly string[] Providers = ["Local", "S3"];

    /// <summary>Folder for the Local provider; relative paths are under the data directory.</summary>
    public string LocalPath { get; set; } = "files";

    public S3Options S3 { get; set; } = new();

    /// <summary>Malware scanning of uploads with ClamAV (off unless <c>Scan:ClamAv</c> is set).</summary>
    public Scanning.ScanOptions Scan { get; set; } = new();

    /// <summary>Largest single file. 2 GiB: the floor for "large files".</summary>
    public long MaxFileSize { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Per-user total of stored files; 0 = unlimited.</summary>
    public long UserQuota { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>Total of all stored files; 0 = unlimited.</summary>
    public long GlobalQuota { get; set; }

    /// <summary>Bytes per chunk of a resumable upload (also the largest body of one PATCH).</summary>
    public int ChunkSize { get; set; } = 8 * 1024 * 1024;

    // Lists are null by default and fall back to the Default* lists: the configuration binder appends
    // to a non-empty array instead of replacing it, so an administrator could never shorten a default.

    /// <summary>Extensions (without dot, case-insensitive) refused outright; default <see cref="DefaultBlockedExtensions"/>.</summary>
    public string[]? BlockedExtensions { get; set; }

    /// <summary>When set and not empty, only these extensions are accepted.</summary>
    public string[]? AllowedExtensions { get; set; }

    /// <summary>Declared content types refused (prefix match); default <see cref="DefaultBlockedContentTypes"/>.</summary>
    public string[]? BlockedContentTypes { get; set; }

    /// <summary>When set and not empty, only declared content types starting with one of these are accepted.</summary>
    public string[]? AllowedContentTypes { get; set; }

    /// <summary>Executables and scripts that run on a double click in common desktops.</summary>
    public static readonly string[] DefaultBlockedExtensions = ["exe", "msi", "bat", "cmd", "com", "scr", "pif", "vbs", "vbe", "js", "jse", "wsf", "wsh", "ps1", "jar", "dll", "hta", "lnk", "cpl", "reg"];

    public static readonly string[] DefaultBlockedContentTypes = ["application/x-msdownload", "application/x-dosexec", "application/x-msi", "application/x-ms-installer"];

    /// <summary>Longest stored file name, in UTF-16 characters (file systems allow 255 bytes).</summary>
    public int MaxNameLength { get; set; } = 180;

    /// <summary>Images with more pixels are refused: decoding them is a decompression-bomb risk (40 MP ≈ 160 MB of RGBA).</summary>
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Longest side of a thumbnail, in pixels.</summary>
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>
    /// Images decoded for thumbnails at the same time; more uploads wait. Decoding is CPU- and memory-heavy, and eight
    /// large PNGs at once took the process from 210 MB to 1.46 GB before decoding was bounded (issue 13).
    /// </summary>
    public int ThumbnailConcurrency { get; set; } = 2;

    /// <summary>
    /// Largest pixel buffer (4 bytes a pixel) decoded for one thumbnail; an image that needs more gets no thumbnail.
    /// JPEG and WebP decode at reduced size and stay far below it; PNG and GIF decode whole, so 64 MiB lets PNGs up
    /// to 16 megapixels (a 5K screenshot) have thumbnails.
    /// </summary>
    public long MaxThumbnailDecodeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>What happens to the files of a deleted or recalled message: Delete (purge the bytes) or Keep (hidden, bytes retained).</summary>
    public string OnMessageErased { get; set; } = ErasePolicies.Delete;

    /// <summary>Uploads never attached to a message (and unfinished resumable uploads) are removed after this long.</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a signed file link (POST /files/{id}/links) stays valid; rounded up to the next whole minute.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Base64 of ≥ 32 random bytes that signs file links. Must be the same on every node of a cluster; when unset,
    /// a key is generated once in {data}/keys/file-links.key.
    /// </summary>
    public string? LinkSigningKey { get; set; }

    /// <summary>How often the janitor looks for orphans and purgeable files.</summary>
    public TimeSpan JanitorInterval { get; set; } = TimeSpan.FromMinutes(10);
}

public static class ErasePolicies
{
    public const string Delete = "Delete";
    public const string Keep = "Keep";
}

public sealed class S3Options
{
    public string? ServiceUrl { get; set; }
    public string? Bucket { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Region { get; set; } = "us-east-1";

    /// <summary>Path-style addressing (http://host/bucket/key): what most self-hosted S3 servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Prefix for every key, so one bucket can serve several installations.</summary>
    public string Prefix { get; set; } = "";
}
