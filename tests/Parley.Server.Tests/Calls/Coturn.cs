using System.Diagnostics;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// A real TURN server (Debian's coturn, <c>/usr/bin/turnserver</c>) for one test, on loopback, with the shared-secret
/// scheme Parley's credentials follow (<c>use-auth-secret</c>, <c>static-auth-secret</c>). No config file (<c>-n</c>);
/// its user database and pid file in a temporary folder; started and stopped by PID.
/// </summary>
public sealed class Coturn : IAsyncDisposable
{
    public const string Realm = "parley.test";
    private readonly Process _process;
    private readonly string _dir;

    private Coturn(Process process, string dir, int port, string secret)
    {
        _process = process;
        _dir = dir;
        Port = port;
        Secret = secret;
    }

    public int Port { get; }
    public string Secret { get; }
    public string TurnUrl => $"turn:127.0.0.1:{Port}?transport=udp";

    public static async Task<Coturn> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "parley-coturn", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var secret = "coturn-" + Guid.NewGuid().ToString("N");
        var port = Ports.Free();
        var process = Process.Start(new ProcessStartInfo("/usr/bin/turnserver",
        [
            "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", $"--listening-port={port}",
            "--use-auth-secret", $"--static-auth-secret={secret}", $"--realm={Realm}",
            "--no-tls", "--no-dtls", "--no-cli", "--allow-loopback-peers",
            $"--userdb={dir}/turndb", $"--pidfile={dir}/turnserver.pid", "--log-file=stdout", "--simple-log",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("turnserver did not start (is Debian's coturn installed? scripts/test.sh installs it)");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Total General servers", StringComparison.Ordinal) == true) ready.TrySetResult(); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var coturn = new Coturn(process, dir, port, secret);
        if (await Task.WhenAny(ready.Task, Task.Delay(10_000)) != ready.Task || process.HasExited)
        {
            await coturn.DisposeAsync();
            throw new InvalidOperationException("turnserver did not get ready within 10 s");
        }
        return coturn;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
