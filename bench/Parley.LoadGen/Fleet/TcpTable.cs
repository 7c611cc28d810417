using System.Globalization;

namespace Parley.LoadGen.Fleet;

/// <summary>Established TCP connections by local port, from /proc/net/tcp and tcp6: the servers' own count of their clients.</summary>
internal static class TcpTable
{
    private const string Established = "01";

    public static int EstablishedOn(int localPort) => Count("/proc/net/tcp", localPort) + Count("/proc/net/tcp6", localPort);

    private static int Count(string file, int localPort)
    {
        if (!File.Exists(file)) return 0;
        int n = 0;
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            // "  sl  local_address rem_address   st …": local is ADDR:PORT in hex.
            var f = line.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 4 || f[3] != Established) continue;
            int colon = f[1].LastIndexOf(':');
            if (colon > 0 && int.Parse(f[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture) == localPort) n++;
        }
        return n;
    }
}
