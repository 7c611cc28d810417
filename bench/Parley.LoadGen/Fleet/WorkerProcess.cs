using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Parley.LoadGen.Fleet;

/// <summary>The coordinator's side of one `connections-worker` child process.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public int Connected { get; private set; }
    public double ConnectSeconds { get; private set; }
    public List<int> FailedUsers { get; } = [];
    public List<string> Errors { get; } = [];

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is { } line) _lines.Writer.TryWrite(line); else _lines.Writer.TryComplete(); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"[worker {_process.Id}] {line}"); };
    }

    public int Pid => _process.Id;

    /// <summary>Starts this program again as a worker with <paramref name="args"/>.</summary>
    public static WorkerProcess Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // `dotnet Parley.LoadGen.dll …` or the apphost: the entry assembly is the first argument only for the former.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            info.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        info.ArgumentList.Add(WorkerCommand.Name);
        foreach (var a in args) info.ArgumentList.Add(a);
        var w = new WorkerProcess(Process.Start(info)!);
        w._process.BeginOutputReadLine();
        w._process.BeginErrorReadLine();
        return w;
    }

    /// <summary>Waits for "ready", collecting failures and errors on the way.</summary>
    public async Task WaitReadyAsync(CancellationToken ct)
    {
        while (true)
        {
            var line = await NextAsync(ct);
            var (verb, rest) = Split(line);
            switch (verb)
            {
                case WorkerProtocol.Error: Errors.Add(rest); break;
                case WorkerProtocol.Failed: FailedUsers.Add(int.Parse(rest, CultureInfo.InvariantCulture)); break;
                case WorkerProtocol.Ready:
                    var f = rest.Split(' ');
                    Connected = int.Parse(f[0], CultureInfo.InvariantCulture);
                    ConnectSeconds = double.Parse(f[2], CultureInfo.InvariantCulture);
                    return;
            }
        }
    }

    public sealed record Stats(long Received, long Closed, IReadOnlyList<(int Index, long Count)> Buckets);

    public async Task<Stats> StatsAsync(CancellationToken ct)
    {
        await _process.StandardInput.WriteLineAsync(WorkerProtocol.Stats.AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
        while (true)
        {
            var (verb, rest) = Split(await NextAsync(ct));
            if (verb != WorkerProtocol.Stats) continue;
            var f = rest.Split(' ', 3);
            var buckets = f.Length < 3 ? [] : f[2].Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(b => b.Split(':'))
                .Select(b => (int.Parse(b[0], CultureInfo.InvariantCulture), long.Parse(b[1], CultureInfo.InvariantCulture)))
                .ToArray();
            return new Stats(long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture), buckets);
        }
    }

    private async Task<string> NextAsync(CancellationToken ct)
    {
        if (await _lines.Reader.WaitToReadAsync(ct) && _lines.Reader.TryRead(out var line)) return line;
        throw new InvalidOperationException($"worker {_process.Id} exited before answering (exit code {(_process.HasExited ? _process.ExitCode : -1)})");
    }

    private static (string Verb, string Args) Split(string line) =>
        line.IndexOf(' ') is var i and > 0 ? (line[..i], line[(i + 1)..]) : (line, "");

    /// <summary>Asks the worker to close its connections and exit; kills it if it has not within a minute.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync(WorkerProtocol.Quit);
                _process.StandardInput.Close();
            }
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
