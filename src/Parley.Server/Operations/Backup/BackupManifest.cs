using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Server.Operations.Backup;

/// <summary>
/// manifest.json, the last entry of a backup archive: what made it, from which schema, and the SHA-256 of every other
/// entry. Restore refuses an archive whose entries do not match it exactly (missing, extra or altered).
/// </summary>
public sealed record BackupManifest(
    int Format, string ParleyVersion, string Provider, int SchemaVersion, DateTimeOffset CreatedAt,
    IReadOnlyList<BackupEntry> Entries, string FileStore, int FilesReferenced, IReadOnlyList<string> FilesMissing)
{
    public const int CurrentFormat = 1;
    public const string EntryName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BackupManifest? Parse(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <param name="Path">Relative to the data folder, with '/' separators (parley.db, files/ab/abc…, keys/…).</param>
public sealed record BackupEntry(string Path, long Size, string Sha256);

/// <summary>A user's mistake or a bad archive: the CLI prints one line and exits 2.</summary>
public sealed class BackupException(string message) : Exception(message);
