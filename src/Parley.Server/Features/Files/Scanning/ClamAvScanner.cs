using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Parley.Server.Features.Files.Scanning;

/// <summary>
/// A client of clamd's INSTREAM command (clamd(8)): the file goes to the daemon in length-prefixed chunks over TCP or a
/// Unix socket, so clamd needs no access to Parley's data folder, and the daemon answers <c>stream: OK</c>,
/// <c>stream: &lt;signature&gt; FOUND</c> or an error. No maintained .NET client is available to us (nClam is not
/// served); the protocol is a few lines. One connection per file: clamd scans them in parallel (its MaxThreads).
/// </summary>
public sealed class ClamAvScanner(IOptions<FilesOptions> options) : IMalwareScanner
{
    private const int ChunkSize = 64 * 1024;

    private ScanOptions O => options.Value.Scan;

    public bool Enabled => true;

    public async Task<ScanVerdict> ScanAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(O.Timeout);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize + 4);
        try
        {
            using var socket = await ConnectAsync(O.ClamAv!, timeout.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize, useAsync: true))
            {
                int n;
                while ((n = await file.ReadAsync(buffer.AsMemory(4, ChunkSize), timeout.Token)) > 0)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)n);
                    await stream.WriteAsync(buffer.AsMemory(0, n + 4), timeout.Token);
                }
            }
            BinaryPrimitives.WriteUInt32BigEndian(buffer, 0);
            await stream.WriteAsync(buffer.AsMemory(0, 4), timeout.Token);
            return Parse(await ReadReplyAsync(stream, timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ScanVerdict.Failed($"clamd gave no verdict within {O.Timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return new ScanVerdict.Failed($"clamd at {O.ClamAv} is unreachable: {ex.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>clamd's reply to one INSTREAM: <c>stream: OK</c>, <c>stream: NAME FOUND</c>, or <c>… ERROR</c>.</summary>
    public static ScanVerdict Parse(string reply)
    {
        var text = reply.TrimEnd('\0', '\n', ' ');
        if (text.StartsWith("stream: ", StringComparison.Ordinal)) text = text["stream: ".Length..];
        if (text == "OK") return ScanVerdict.Clean;
        if (text.EndsWith(" FOUND", StringComparison.Ordinal)) return new ScanVerdict.Infected(text[..^" FOUND".Length]);
        return new ScanVerdict.Failed($"clamd answered '{text}'");
    }

    private static async Task<Socket> ConnectAsync(string address, CancellationToken cancellationToken)
    {
        var endpoint = Endpoint(address);
        // A dual-mode socket for host names (localhost may resolve to ::1 first); a Unix one for paths.
        var socket = endpoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Parses <c>tcp://host:port</c>, <c>unix:/path</c> or <c>unix:///path</c>.</summary>
    public static System.Net.EndPoint Endpoint(string address)
    {
        if (address.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = address["unix:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal)) path = path[2..];
            if (path.StartsWith('/')) return new UnixDomainSocketEndPoint(path);
        }
        else if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme == "tcp" && uri.Port > 0 && uri.AbsolutePath == "/")
        {
            return new System.Net.DnsEndPoint(uri.Host, uri.Port);
        }
        throw new ArgumentException($"'{address}' is not tcp://host:port or unix:/path.", nameof(address));
    }

    private static async Task<string> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reply = new List<byte>();
        var buffer = new byte[512];
        int n;
        while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            reply.AddRange(buffer.AsSpan(0, n));
            if (buffer[n - 1] == 0 || reply.Count > 4096) break; // the z-prefixed command's reply ends with NUL
        }
        return Encoding.UTF8.GetString([.. reply]);
    }
}
