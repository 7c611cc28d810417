using Microsoft.Extensions.Options;
using Parley.Server.Storage;

namespace Parley.Server.Features.Files;

/// <summary>Blobs as files in a folder (default <c>{data}/files</c>), fanned out by the key's first two characters.</summary>
public sealed class LocalBlobStore : IBlobStore
{
    private readonly string _root;

    public LocalBlobStore(IOptions<FilesOptions> options, IOptions<StorageOptions> storage)
    {
        _root = Path.GetFullPath(Path.Combine(storage.Value.DataDirectory, options.Value.LocalPath));
        PrivateFiles.CreateDirectory(_root);
    }

    public string Root => _root;

    private string PathOf(string key) => Path.Combine(_root, key[..2], key);

    /// <inheritdoc />
    public Task PutFileAsync(string key, string path, string contentType, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(target)!);
        // Staging lives under the same data folder, so this is a rename, not a copy of gigabytes; it keeps the 0600 mode.
        File.Move(path, target, overwrite: true);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Stream?> OpenReadAsync(string key, long offset, long length, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return Task.FromResult<Stream?>(null);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        stream.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream?>(new BoundedStream(stream, length));
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }
}
