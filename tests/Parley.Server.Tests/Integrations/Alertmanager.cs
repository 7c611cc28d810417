using System.Diagnostics;
using System.Text;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Integrations;

/// <summary>
/// Debian's prometheus-alertmanager as a process on loopback, with one route to a <c>slack_configs</c> receiver whose
/// api_url is given. Short group_wait so an alert leaves within about a second. Stopped by PID.
/// </summary>
public sealed class Alertmanager : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus-alertmanager";
    private readonly Process _process;
    private readonly string _dir;

    private Alertmanager(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public static async Task<Alertmanager> StartAsync(string slackApiUrl)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException("prometheus-alertmanager is not installed (scripts/test.sh installs it)");
        var dir = Path.Combine(Path.GetTempPath(), "parley-alertmanager", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "alertmanager.yml"), $"""
            route:
              receiver: parley
              group_by: ['alertname']
              group_wait: 500ms
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: parley
                slack_configs:
                  - api_url: '{slackApiUrl}'
                    channel: '#ops'
                    send_resolved: false
            """);
        var port = Ports.Free();
        // --cluster.listen-address= (empty) turns gossip off: one instance, no second port.
        var process = Process.Start(new ProcessStartInfo(Binary, [
            "--config.file=" + Path.Combine(dir, "alertmanager.yml"), "--storage.path=" + Path.Combine(dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var am = new Alertmanager(process, dir, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            try
            {
                using var res = await http.GetAsync(am.Url + "/-/ready");
                if (res.IsSuccessStatusCode) return am;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        await am.DisposeAsync();
        lock (log) throw new InvalidOperationException("alertmanager did not become ready: " + log);
    }

    /// <summary>Fires an alert through Alertmanager's own API (what Prometheus would do).</summary>
    public async Task FireAsync(string alertname, string summary)
    {
        using var http = new HttpClient();
        var body = $$$"""[{"labels":{"alertname":"{{{alertname}}}","severity":"critical","instance":"db-1"},"annotations":{"summary":"{{{summary}}}"}}]""";
        using var res = await http.PostAsync(Url + "/api/v2/alerts", new StringContent(body, Encoding.UTF8, "application/json"));
        res.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { }
        }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
