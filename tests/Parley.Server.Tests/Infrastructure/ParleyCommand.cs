using System.Diagnostics;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Runs the real `parley` binary with arguments, as an operator would, and collects exit code and output.</summary>
public static class ParleyCommand
{
    public static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>With the database's environment (PostgreSQL runs: provider and connection string), as an operator sets it.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(TestDatabase? database, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in database?.Environment ?? []) psi.Environment[key] = value;
        psi.ArgumentList.Add(ServerProcess.ServerDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (p.ExitCode, await stdout, await stderr);
    }
}
