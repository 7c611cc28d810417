using System.Collections.Concurrent;
using System.Diagnostics;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Translation;

/// <summary>
/// A real Apertium translation server for a test class: Debian's <c>apertium-apy</c> over the installed pairs
/// (<c>/usr/share/apertium/modes</c>, from <c>apertium-eng-spa</c>) on a loopback port, started and stopped by PID (with
/// the translation pipelines it spawns). Its log lines ("200 GET /translate?…") tell a test how often the engine was asked.
/// </summary>
public sealed class Apertium : IAsyncDisposable
{
    private const string ModesPath = "/usr/share/apertium/modes";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private Apertium(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Translations apertium-apy has served so far (its access log).</summary>
    public int TranslateRequests => _log.Count(l => l.Contains("GET /translate?", StringComparison.Ordinal));

    public static async Task<Apertium> StartAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Ports.Free();
            var process = Process.Start(new ProcessStartInfo("apertium-apy", ["-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), ModesPath])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("apertium-apy did not start (scripts/test.sh installs apertium-apy and apertium-eng-spa)");
            var apertium = new Apertium(process, port);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) apertium._log.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) apertium._log.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await apertium.ReadyAsync()) return apertium;
            await apertium.DisposeAsync();
            if (attempt == 2) throw new InvalidOperationException("apertium-apy did not answer /listPairs: " + string.Join('\n', apertium._log));
        }
    }

    private async Task<bool> ReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                var pairs = await http.GetStringAsync($"{Url}/listPairs");
                if (pairs.Contains("\"spa\"", StringComparison.Ordinal)) return true;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(150);
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>One apertium-apy for every test of a class.</summary>
public sealed class ApertiumFixture : IAsyncLifetime
{
    public Apertium Engine { get; private set; } = null!;

    public async Task InitializeAsync() => Engine = await Apertium.StartAsync();

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}
