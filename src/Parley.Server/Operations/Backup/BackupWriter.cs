using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Parley.Server.Operations.Backup;

/// <summary>
/// Writes a backup archive (tar, gzip): data entries first, each hashed while it is copied, then manifest.json. The
/// archive is written under a temporary name beside the output and renamed when complete, so a half-written backup
/// never carries the final name.
/// </summary>
public sealed class BackupWriter : IAsyncDisposable
{
    private readonly string _output;
    private readonly string _partial;
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly TarWriter _tar;
    private readonly List<BackupEntry> _entries = [];
    private bool _completed;

    public BackupWriter(string output)
    {
        _output = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(_output)!;
        if (!Directory.Exists(folder)) throw new BackupException($"the folder of --output does not exist: {folder}");
        _partial = _output + ".partial";
        _file = new FileStream(_partial, Storage.PrivateFiles.NewFile(FileMode.Create, FileAccess.Write, FileShare.None));
        _gzip = new GZipStream(_file, CompressionLevel.Fastest, leaveOpen: true);
        _tar = new TarWriter(_gzip, TarEntryFormat.Pax, leaveOpen: true);
    }

    public IReadOnlyList<BackupEntry> Entries => _entries;

    /// <summary>Adds a file under <paramref name="entryPath"/>; false when it vanished before it could be opened.</summary>
    public async Task<bool> AddFileAsync(string sourcePath, string entryPath, CancellationToken ct)
    {
        FileStream source;
        try
        {
            source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        }
        catch (FileNotFoundException) { return false; }
        catch (DirectoryNotFoundException) { return false; }
        await using (source)
        {
            // Hash while the tar writer reads the stream: each file is read once.
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var hashing = new HashingStream(source, sha);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, entryPath) { DataStream = hashing, Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
            await _tar.WriteEntryAsync(entry, ct);
            _entries.Add(new BackupEntry(entryPath, hashing.Length, Convert.ToHexStringLower(sha.GetHashAndReset())));
        }
        return true;
    }

    /// <summary>Writes the manifest, closes the archive, flushes it to disk and gives it its final name.</summary>
    public async Task CompleteAsync(Func<IReadOnlyList<BackupEntry>, BackupManifest> manifest, CancellationToken ct)
    {
        var json = manifest(_entries).ToJson();
        var entry = new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName) { DataStream = new MemoryStream(json), Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await _tar.WriteEntryAsync(entry, ct);
        await _tar.DisposeAsync();
        await _gzip.DisposeAsync();
        await _file.FlushAsync(ct);
        RandomAccess.FlushToDisk(_file.SafeFileHandle);
        await _file.DisposeAsync();
        File.Move(_partial, _output, overwrite: true);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed) return;
        await _tar.DisposeAsync();
        await _gzip.DisposeAsync();
        await _file.DisposeAsync();
        File.Delete(_partial);
    }

    /// <summary>A read-through stream that feeds every byte read to a hash and counts them (the tar entry's size).</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        private long _read;
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.CanSeek ? inner.Length : _read;
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            hash.AppendData(buffer[..n]);
            _read += n;
            return n;
        }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            hash.AppendData(buffer.Span[..n]);
            _read += n;
            return n;
        }
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
