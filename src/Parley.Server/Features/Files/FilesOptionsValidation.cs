using Microsoft.Extensions.Options;

namespace Parley.Server.Features.Files;

/// <summary>Fails start-up on a misspelled provider or nonsensical limits, naming the valid values.</summary>
public sealed class FilesOptionsValidation : IValidateOptions<FilesOptions>
{
    public ValidateOptionsResult Validate(string? name, FilesOptions o)
    {
        var errors = new List<string>();
        if (!FilesOptions.Providers.Contains(o.Provider, StringComparer.OrdinalIgnoreCase))
            errors.Add($"Unknown Parley:Files:Provider '{o.Provider}'. Valid providers: {string.Join(", ", FilesOptions.Providers)}.");
        if (string.Equals(o.Provider, "S3", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(o.S3.ServiceUrl) || !Uri.TryCreate(o.S3.ServiceUrl, UriKind.Absolute, out _))
                errors.Add("Parley:Files:S3:ServiceUrl must be an absolute URL when Provider is S3.");
            if (string.IsNullOrWhiteSpace(o.S3.Bucket)) errors.Add("Parley:Files:S3:Bucket is required when Provider is S3.");
            if (string.IsNullOrWhiteSpace(o.S3.AccessKey) || string.IsNullOrWhiteSpace(o.S3.SecretKey))
                errors.Add("Parley:Files:S3:AccessKey and SecretKey are required when Provider is S3.");
        }
        if (o.OnMessageErased is not (ErasePolicies.Delete or ErasePolicies.Keep))
            errors.Add($"Parley:Files:OnMessageErased must be {ErasePolicies.Delete} or {ErasePolicies.Keep}.");
        if (o.Scan.ClamAv is { Length: > 0 } clamAv)
        {
            try { Scanning.ClamAvScanner.Endpoint(clamAv); }
            catch (ArgumentException) { errors.Add($"Parley:Files:Scan:ClamAv '{clamAv}' must be tcp://host:port or unix:/path/to/clamd.socket."); }
            if (o.Scan.Timeout <= TimeSpan.Zero) errors.Add("Parley:Files:Scan:Timeout must be positive.");
        }
        if (o.MaxFileSize <= 0) errors.Add("Parley:Files:MaxFileSize must be positive.");
        if (o.ChunkSize is < 64 * 1024 or > 256 * 1024 * 1024) errors.Add("Parley:Files:ChunkSize must be between 64 KiB and 256 MiB.");
        if (o.MaxNameLength is < 16 or > 255) errors.Add("Parley:Files:MaxNameLength must be between 16 and 255.");
        if (o.MaxImagePixels <= 0 || o.ThumbnailSize is < 16 or > 2048) errors.Add("Parley:Files:MaxImagePixels must be positive and ThumbnailSize between 16 and 2048.");
        if (o.ThumbnailConcurrency is < 1 or > 64) errors.Add("Parley:Files:ThumbnailConcurrency must be between 1 and 64.");
        if (o.MaxThumbnailDecodeBytes is < 1024 * 1024 or > 1024L * 1024 * 1024) errors.Add("Parley:Files:MaxThumbnailDecodeBytes must be between 1 MiB and 1 GiB.");
        if (o.UserQuota < 0 || o.GlobalQuota < 0) errors.Add("Parley:Files quotas must not be negative (0 = unlimited).");
        if (o.OrphanAfter <= TimeSpan.Zero || o.JanitorInterval <= TimeSpan.Zero) errors.Add("Parley:Files:OrphanAfter and JanitorInterval must be positive.");
        if (o.LinkLifetime < TimeSpan.FromSeconds(10) || o.LinkLifetime > TimeSpan.FromDays(1)) errors.Add("Parley:Files:LinkLifetime must be between 10 seconds and 1 day.");
        if (o.LinkSigningKey is { Length: > 0 } key && !IsLongBase64(key))
            errors.Add("Parley:Files:LinkSigningKey must be base64 of at least 32 bytes (e.g. `openssl rand -base64 32`).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsLongBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var n) && n >= 32;
    }
}
