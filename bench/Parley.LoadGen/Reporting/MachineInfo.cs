using System.Runtime.InteropServices;

namespace Parley.LoadGen.Reporting;

/// <summary>The machine a figure came from: without it a benchmark number means nothing.</summary>
public sealed class MachineInfo
{
    public string CpuModel { get; set; } = "";
    public int Vcpus { get; set; }
    public double MemoryGb { get; set; }
    public string Os { get; set; } = "";
    public string Kernel { get; set; } = "";
    public string Runtime { get; set; } = "";

    public static MachineInfo Describe()
    {
        string cpu = ReadFirst("/proc/cpuinfo", "model name") ?? "unknown";
        string? mem = ReadFirst("/proc/meminfo", "MemTotal");
        double memGb = mem is null ? 0 : long.Parse(mem.Replace("kB", "").Trim()) / 1024.0 / 1024.0;
        return new MachineInfo
        {
            CpuModel = cpu,
            Vcpus = Environment.ProcessorCount,
            MemoryGb = Math.Round(memGb, 1),
            Os = RuntimeInformation.OSDescription,
            Kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "",
            Runtime = RuntimeInformation.FrameworkDescription,
        };
    }

    public override string ToString() => $"{Vcpus} vCPU {CpuModel}, {MemoryGb} GB RAM, {Os}";

    private static string? ReadFirst(string file, string key)
    {
        if (!File.Exists(file)) return null;
        foreach (var line in File.ReadLines(file))
            if (line.StartsWith(key, StringComparison.Ordinal) && line.IndexOf(':') is var i and > 0)
                return line[(i + 1)..].Trim();
        return null;
    }
}
