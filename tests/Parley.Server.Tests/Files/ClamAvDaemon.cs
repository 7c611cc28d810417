using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Files;

/// <summary>
/// A real clamd (Debian clamav-daemon, installed by scripts/test.sh) on a free loopback port, in a temporary folder,
/// stopped by its PID. The official signature database cannot be downloaded here, so clamd gets one custom signature:
/// the SHA-256 of <see cref="Malware"/>, a generated file (an .hsb entry) — a real daemon doing a real scan.
/// </summary>
public sealed class ClamAvDaemon : IAsyncLifetime
{
    public const string SignatureName = "Parley.Test.Malware";

    private Process? _process;
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "parley-clamd-" + Guid.NewGuid().ToString("N"));
    public int Port { get; } = Ports.Free();

    /// <summary>Bytes clamd reports as infected: random, so no real file matches by chance.</summary>
    public byte[] Malware { get; } = Encoding.ASCII.GetBytes("parley-test-malware-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    public string Address => $"tcp://127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        const string clamd = "/usr/sbin/clamd";
        if (!File.Exists(clamd)) throw new InvalidOperationException("clamd is missing: apt-get install clamav-daemon (scripts/test.sh installs it).");
        var db = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "db")).FullName;
        await File.WriteAllTextAsync(Path.Combine(db, "parley-test.hsb"), $"{Convert.ToHexStringLower(SHA256.HashData(Malware))}:{Malware.Length}:{SignatureName}\n");
        var conf = Path.Combine(Directory, "clamd.conf");
        await File.WriteAllTextAsync(conf, $"""
            Foreground yes
            TCPSocket {Port}
            TCPAddr 127.0.0.1
            DatabaseDirectory {db}
            LogFile {Path.Combine(Directory, "clamd.log")}
            StreamMaxLength 50M
            """);
        _process = Process.Start(new ProcessStartInfo(clamd, ["-c", conf]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("could not start clamd");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await PingAsync())
        {
            if (_process.HasExited) throw new InvalidOperationException("clamd exited: " + await _process.StandardError.ReadToEndAsync());
            if (DateTime.UtcNow > deadline) throw new TimeoutException("clamd did not answer PING within 60 s");
            await Task.Delay(200);
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("zPING\0"u8.ToArray());
            var buffer = new byte[16];
            var n = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, n).StartsWith("PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { }
        }
        _process?.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
