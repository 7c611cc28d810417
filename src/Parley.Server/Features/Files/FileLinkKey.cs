using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Parley.Server.Storage;

namespace Parley.Server.Features.Files;

/// <summary>
/// The HMAC key that signs file links. <c>Parley:Files:LinkSigningKey</c> (base64, ≥ 32 bytes) when set — every
/// node of a cluster must share it, or a link issued by one node fails on another; otherwise a random 32-byte key
/// generated once and kept where every node finds it: on PostgreSQL (cluster mode) in the <c>server_keys</c> table
/// (the first node to need it inserts it, the others read that one), on SQLite in <c>{data}/keys/file-links.key</c>
/// (mode 0600). Either way links survive a restart.
/// </summary>
public sealed class FileLinkKey
{
    public const string FileName = "file-links.key";

    public byte[] Bytes { get; }

    public FileLinkKey(IOptions<FilesOptions> options, IOptions<StorageOptions> storage, Database database)
    {
        Bytes = options.Value.LinkSigningKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured) // shape checked at start-up by FilesOptionsValidation
            : database.Provider == StorageProvider.Postgres
                ? LoadOrCreateShared(database)
                : LoadOrCreate(Path.Combine(storage.Value.DataDirectory, "keys", FileName));
    }

    internal static byte[] LoadOrCreateShared(Database database) =>
        Convert.FromBase64String(ServerKeys.GetOrCreate(database, "file-links", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    internal static byte[] LoadOrCreate(string path)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        if (TryRead(path) is { } existing) return existing;
        var key = RandomNumberGenerator.GetBytes(32);
        var text = Convert.ToBase64String(key);
        try
        {
            // CreateNew: two processes on one data folder cannot both write a key; the loser reads the winner's.
            using (var file = new FileStream(path, PrivateFiles.NewFile(FileMode.CreateNew, FileAccess.Write, FileShare.None)))
            using (var writer = new StreamWriter(file))
            {
                writer.Write(text);
                writer.Flush();
                file.Flush(flushToDisk: true);
            }
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process won the race and may still be writing its key: give it a moment.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return TryRead(path)!;
                }
                catch (InvalidOperationException) when (attempt < 20)
                {
                    Thread.Sleep(50);
                }
            }
        }
    }

    private static byte[]? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            key = [];
        }
        return key.Length >= 32 ? key : throw new InvalidOperationException($"The file link key {path} is not base64 of at least 32 bytes; delete it to have a new one generated.");
    }
}
