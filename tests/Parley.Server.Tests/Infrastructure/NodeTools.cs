using System.Diagnostics;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Real services the tests run with Node (tests/s3, tests/push): finding their folder, installing their locked packages.</summary>
public static class NodeTools
{
    /// <summary>tests/<paramref name="name"/> above the test binaries, recognised by its start.js.</summary>
    public static string Folder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", name);
            if (File.Exists(Path.Combine(candidate, "start.js"))) return candidate;
        }
        throw new InvalidOperationException($"tests/{name} not found above " + AppContext.BaseDirectory);
    }

    /// <summary>npm ci from the folder's package-lock.json unless scripts/test.sh (or an earlier test) installed <paramref name="module"/> already.</summary>
    public static async Task InstallAsync(string folder, string module)
    {
        if (Directory.Exists(Path.Combine(folder, "node_modules", module))) return;
        using var p = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --silent") { WorkingDirectory = folder, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start npm");
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"npm ci in {folder} failed with exit code {p.ExitCode}");
    }
}
