using System.Diagnostics;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Real services the tests run with Node (tests/s3, tests/push): finding their folder, installing their locked packages.</summary>
public static class NodeTools
{
    /// <summary>tests/<paramref name="name"/> above the test binaries, recognised by its start.js.</summary>
    public static string Folder(string name, string parent = "tests", string entry = "start.js")
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, parent, name);
            if (File.Exists(Path.Combine(candidate, entry))) return candidate;
        }
        throw new InvalidOperationException($"{parent}/{name} not found above " + AppContext.BaseDirectory);
    }

    /// <summary>npm ci from the folder's package-lock.json unless scripts/test.sh (or an earlier test) installed <paramref name="module"/> already.</summary>
    /// <remarks>One install at a time in this process: two tests that need the same folder would otherwise run two
    /// <c>npm ci</c> into one node_modules. scripts/test.sh installs every folder before the suites start, since it runs
    /// two test processes at once.</remarks>
    public static async Task InstallAsync(string folder, string module)
    {
        if (Directory.Exists(Path.Combine(folder, "node_modules", module))) return;
        await InstallGate.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(folder, "node_modules", module))) return;
            using var p = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --silent") { WorkingDirectory = folder, UseShellExecute = false })
                ?? throw new InvalidOperationException("could not start npm");
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await p.WaitForExitAsync(cts.Token);
            if (p.ExitCode != 0) throw new InvalidOperationException($"npm ci in {folder} failed with exit code {p.ExitCode}");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>Runs <c>node start.js args…</c> in the folder and returns once it printed "ready …"; its later output is drained.</summary>
    public static Task<Process> StartAsync(string folder, string what, params string[] args) => StartAsync(folder, what, new Dictionary<string, string>(), args);

    /// <summary>As above, with environment variables for the process (secrets stay off its command line).</summary>
    public static async Task<Process> StartAsync(string folder, string what, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        psi.ArgumentList.Add("start.js");
        foreach (var a in args) psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(cts.Token)
                ?? throw new InvalidOperationException($"{what} exited before it was ready: " + await process.StandardError.ReadToEndAsync(cts.Token));
            if (line.StartsWith("ready ", StringComparison.Ordinal)) break;
        }
        // Nobody reads it further; drain it so a full pipe never blocks the process.
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        return process;
    }

    /// <summary>Kills the process started by <see cref="StartAsync"/> (by its PID, with its children) and waits briefly for it.</summary>
    public static async Task StopAsync(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { }
        }
        process?.Dispose();
    }
}
