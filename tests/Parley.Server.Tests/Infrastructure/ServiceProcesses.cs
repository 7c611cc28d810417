using System.Diagnostics;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Helpers for the real services tests start as child processes (slapd, Janus): stopped by PID, folder removed.</summary>
public static class ServiceProcesses
{
    public static async Task StopAsync(Process process, string folder)
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
