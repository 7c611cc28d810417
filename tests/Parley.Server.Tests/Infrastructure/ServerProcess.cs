using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>The real server as its own OS process (as operators run it), for crash and restart tests.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private Process? _process;
    public string DataDirectory { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public int Pid => _process?.Id ?? 0;

    private readonly bool _ownsDatabase = true;
    private readonly Dictionary<string, string> _environment = [];

    /// <summary>A node of a cluster: shares <paramref name="database"/> (not dropped when this process ends) and gets extra environment.</summary>
    public ServerProcess(TestDatabase database, IDictionary<string, string> environment, string? dataDirectory = null) : this(dataDirectory)
    {
        Database = database;
        _ownsDatabase = false;
        foreach (var (k, v) in environment) _environment[k] = v;
    }

    /// <summary>Extra environment for the process (e.g. the test host's log file).</summary>
    public IDictionary<string, string> Environment => _environment;

    public ServerProcess(string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "parley-tests", "proc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Port = Ports.Free();
    }

    /// <summary>The program to run: the server, or tests/Parley.TestHost (the server plus a throwaway subscriber).</summary>
    public string Program { get; init; } = "Parley.Server";

    public static string ServerDll(string program = "Parley.Server")
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(Repository.Root(), program == "Parley.Server" ? "src" : "tests", program, "bin", configuration, "net10.0", program + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first", dll);
    }

    /// <summary>The server's database; created on the first start and kept across restarts of this process object.</summary>
    public TestDatabase? Database { get; private set; }

    public async Task StartAsync(params string[] extraArgs)
    {
        Database ??= await TestDatabase.CreateAsync(DataDirectory);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { ServerDll(Program), "--urls", BaseAddress.ToString().TrimEnd('/'), "--data", DataDirectory,
                     "--Parley:Auth:PasswordHashIterations=1000", "--Parley:Messages:RatePerSecond=10000", "--Parley:Messages:RateBurst=10000" }.Concat(extraArgs))
            psi.ArgumentList.Add(a);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in Database.Environment.Concat(_environment)) psi.Environment[key] = value;
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Server exited with {_process.ExitCode}:\n{string.Join("\n", Log)}");
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("Server did not become ready:\n" + string.Join("\n", Log));
    }

    public System.Collections.Concurrent.ConcurrentBag<string> Log { get; } = [];

    /// <summary>SIGKILL: no shutdown code runs at all.</summary>
    public void Kill()
    {
        _process!.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the graceful path (stop accepting, commit what is queued, answer every sender).</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false }) Kill();
        _process?.Dispose();
        if (Database is not null && _ownsDatabase) await Database.DisposeAsync();
    }
}
