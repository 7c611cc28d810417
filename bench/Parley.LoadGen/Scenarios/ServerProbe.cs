using Parley.LoadGen.Measurement;

namespace Parley.LoadGen.Scenarios;

/// <summary>The server process tree and, where given, its data directory (for stored bytes).</summary>
public sealed class ServerProbe(int? pid, string? dataDir)
{
    public bool HasProcess => pid is not null;

    public ProcessSample? Sample() => pid is { } p && ProcessTree.IsAlive(p) ? ProcessTree.Sample(p) : null;

    /// <summary>Bytes under the data directory, or null when none was given.</summary>
    public long? DataBytes()
    {
        if (dataDir is null || !Directory.Exists(dataDir)) return null;
        return new DirectoryInfo(dataDir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
    }
}
