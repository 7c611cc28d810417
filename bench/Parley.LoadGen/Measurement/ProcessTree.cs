namespace Parley.LoadGen.Measurement;

/// <summary>
/// CPU time and resident memory of a server process and all its descendants, read from /proc.
/// The tree matters: ejabberd runs beam.smp under a shell, Parley may run under `dotnet`.
/// </summary>
public static class ProcessTree
{
    // USER_HZ is 100 on every Linux ABI .NET supports (sysconf(_SC_CLK_TCK); procfs(5)).
    private const double ClockTicksPerSecond = 100.0;

    public static ProcessSample Sample(int rootPid)
    {
        var tree = TreeOf(rootPid);
        long ticks = 0, rssKb = 0;
        int alive = 0;
        foreach (int pid in tree)
        {
            if (ReadStat(pid) is not { } s) continue;
            alive++;
            // utime + stime, plus cutime + cstime: children that already exited and were
            // reaped are no longer in the tree, but their CPU still belongs to the server.
            ticks += s.Utime + s.Stime + s.Cutime + s.Cstime;
            rssKb += ReadRssKb(pid);
        }
        return new ProcessSample(DateTimeOffset.UtcNow, ticks / ClockTicksPerSecond, rssKb, alive);
    }

    /// <summary>
    /// Proportional set size of the tree: shared pages divided among the processes that map them. For servers made of
    /// many processes over shared memory (PostgreSQL's shared buffers), summing RSS would count those pages once per process.
    /// </summary>
    public static long PssKb(int rootPid)
    {
        long kb = 0;
        foreach (int pid in TreeOf(rootPid))
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
                    if (line.StartsWith("Pss:", StringComparison.Ordinal))
                        kb += long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim());
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return kb;
    }

    private static HashSet<int> TreeOf(int rootPid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            var stat = ReadStat(pid);
            if (stat is { } s) parents[pid] = s.ParentPid;
        }
        var tree = new HashSet<int> { rootPid };
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var (pid, ppid) in parents)
                if (tree.Contains(ppid) && tree.Add(pid)) grew = true;
        }
        return tree;
    }

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat");

    private readonly record struct Stat(int ParentPid, long Utime, long Stime, long Cutime, long Cstime);

    private static Stat? ReadStat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
        int close = text.LastIndexOf(')');
        if (close < 0) return null;
        var f = text[(close + 2)..].Split(' ');
        // f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
        return new Stat(int.Parse(f[1]), long.Parse(f[11]), long.Parse(f[12]), long.Parse(f[13]), long.Parse(f[14]));
    }

    private static long ReadRssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim());
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }
}

public sealed record ProcessSample(DateTimeOffset At, double CpuSeconds, long RssKb, int Processes);
