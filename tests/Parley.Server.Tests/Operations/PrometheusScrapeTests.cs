using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Operations;

/// <summary>
/// A real Prometheus (Debian's package; scripts/test.sh installs it) scrapes a running Parley on loopback, and its
/// HTTP API must report the target up and a Parley counter that moved; the shipped alert rules must load in promtool.
/// </summary>
public class PrometheusScrapeTests
{
    private static string Tool(string name) =>
        File.Exists("/usr/bin/" + name) ? "/usr/bin/" + name
            : throw new InvalidOperationException($"Debian's prometheus package is required (/usr/bin/{name}); scripts/test.sh installs it.");

    [Fact]
    public async Task Prometheus_ScrapesParley_TargetUpAndMessagesCounterMoved()
    {
        await using var server = await TestServer.StartAsync();
        var alice = await server.UserAsync();
        var bob = await server.UserAsync();
        var dm = await alice.CreateAsync(ConversationKinds.Direct, null, bob.Id);
        for (var i = 0; i < 3; i++) await alice.SendAsync(dm.Id, "scraped " + i);

        var dir = Directory.CreateTempSubdirectory("parley-prom-");
        var port = Ports.Free();
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: parley
                metrics_path: /metrics
                static_configs:
                  - targets: ['{server.BaseAddress.Authority}']
            """);
        var psi = new ProcessStartInfo(Tool("prometheus"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir.FullName,
        };
        foreach (var a in new[] { "--config.file=" + Path.Combine(dir.FullName, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(dir.FullName, "data"),
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn" })
            psi.ArgumentList.Add(a);
        using var prometheus = Process.Start(psi)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        prometheus.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        prometheus.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            double up = double.NaN, accepted = double.NaN;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !(up == 1 && accepted >= 3))
            {
                await Task.Delay(500);
                if (prometheus.HasExited) break;
                up = await QueryAsync(http, "up{job=\"parley\"}");
                accepted = await QueryAsync(http, "parley_messages_accepted_total{job=\"parley\"}");
            }
            Assert.True(up == 1, $"Prometheus must see the Parley target up (up = {up}):\n{string.Join('\n', log)}");
            Assert.True(accepted >= 3, $"parley_messages_accepted_total must have moved to at least 3 (was {accepted})");
        }
        finally
        {
            // Stopped by its own PID, never by name.
            if (!prometheus.HasExited) prometheus.Kill();
            await prometheus.WaitForExitAsync();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The value of an instant query's single sample, NaN when there is none yet.</summary>
    private static async Task<double> QueryAsync(HttpClient http, string query)
    {
        try
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query)));
            var result = doc.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() == 0) return double.NaN;
            return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException) { return double.NaN; }
        catch (TaskCanceledException) { return double.NaN; }
    }

    [Fact]
    public async Task AlertRules_InDeploy_AreValidForPromtool()
    {
        var rules = Path.Combine(Repository.Root(), "deploy", "prometheus", "parley-alerts.yml");
        var psi = new ProcessStartInfo(Tool("promtool")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "check", "rules", rules }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }
}
