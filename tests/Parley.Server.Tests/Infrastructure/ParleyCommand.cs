using System.Diagnostics;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Runs the real `parley` binary with arguments, as an operator would, and collects exit code and output.</summary>
public static class ParleyCommand
{
    public static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>With the database's environment (PostgreSQL runs: provider and connection string), as an operator sets it.</summary>
    public static Task<(int Exit, string Out, string Err)> RunAsync(TestDatabase? database, params string[] args) =>
        RunWithInputAsync(database, "", args);

    /// <summary>
    /// Standard input is always a pipe (never the test runner's terminal): <paramref name="stdin"/> is written to it
    /// and it is closed, so a verb that would prompt sees redirected input, as under cron or CI.
    /// </summary>
    public static async Task<(int Exit, string Out, string Err)> RunWithInputAsync(TestDatabase? database, string stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (key, value) in database?.Environment ?? []) psi.Environment[key] = value;
        psi.ArgumentList.Add(ServerProcess.ServerDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            // A verb that should have exited (a server that should have refused to start) must not outlive the test.
            p.Kill(entireProcessTree: true);
            throw;
        }
        return (p.ExitCode, await stdout, await stderr);
    }
}
