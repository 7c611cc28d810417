using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parley.Server.Common;

namespace Parley.Server.Features.Compliance.Export;

/// <summary>
/// The zip of an export (e-discovery or personal data) being written: every entry goes through a
/// <see cref="HashingStream"/>, so its size and SHA-256 are known for <c>manifest.json</c>, which is written last.
/// </summary>
public sealed class ExportZip(Stream output) : IDisposable
{
    // Files for people and tools to read, never embedded in a page: Chinese text and emoji stay as they are, not \u-escaped.
    private static readonly JsonSerializerOptions Lines = new(JsonDefaults.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new(Lines) { WriteIndented = true };
    private readonly ZipArchive _zip = new(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
    private readonly List<Entry> _entries = [];

    public sealed record Entry(string Path, long Bytes, string Sha256);

    /// <summary>Every entry written so far, as the manifest lists them.</summary>
    public IReadOnlyList<object> ManifestEntries => [.. _entries.Select(e => new { path = e.Path, bytes = e.Bytes, sha256 = e.Sha256 })];

    /// <summary>Writes an entry through <paramref name="write"/> (which may write in many pieces, e.g. jsonl a page at a time).</summary>
    public async Task WriteAsync(string path, CompressionLevel level, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var entry = _zip.CreateEntry(path, level);
        await using var raw = await entry.OpenAsync(cancellationToken);
        await using var hashing = new HashingStream(raw);
        await write(hashing);
        await hashing.FlushAsync(cancellationToken);
        _entries.Add(new Entry(path, hashing.Written, hashing.Sha256()));
    }

    public Task AddAsync(string path, byte[] content, CancellationToken cancellationToken) =>
        WriteAsync(path, CompressionLevel.Optimal, s => s.WriteAsync(content, cancellationToken).AsTask(), cancellationToken);

    public Task AddJsonAsync(string path, object value, CancellationToken cancellationToken) =>
        AddAsync(path, JsonSerializer.SerializeToUtf8Bytes(value, Indented), cancellationToken);

    /// <summary>A stored file's bytes, as they are (already compressed formats gain little from more effort).</summary>
    public Task CopyAsync(string path, Stream source, CancellationToken cancellationToken) =>
        WriteAsync(path, CompressionLevel.Fastest, s => source.CopyToAsync(s, cancellationToken), cancellationToken);

    /// <summary>One JSON line (for <c>.jsonl</c> entries written with <see cref="WriteAsync"/>).</summary>
    public static async Task WriteLineAsync(Stream stream, object value, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value, Lines), cancellationToken);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>The manifest, last: not listed in itself.</summary>
    public Task AddManifestAsync(object manifest, CancellationToken cancellationToken) =>
        AddAsync("manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, Indented), cancellationToken);

    public void Dispose() => _zip.Dispose();
}
