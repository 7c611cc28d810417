using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Tests.Infrastructure;

public static class Ports
{
    // Below Linux's ephemeral range (32768–60999): a port handed out here cannot be taken, between this check and the
    // server process binding it, by an in-process test server listening on port 0 or by an outgoing connection — both
    // get ephemeral ports. (With the OS's own pick, a child server could fail to bind while the readiness probe was
    // answered by another test's server on that port.)
    // scripts/test.sh runs the SQLite and PostgreSQL suites side by side and gives each process its own part of the
    // range (PARLEY_TEST_PORTS=first-last), so two processes never hand out the same port in the moment between this
    // check and the binding.
    private static readonly (int First, int Last) Range = ParseRange(Environment.GetEnvironmentVariable("PARLEY_TEST_PORTS"));
    private static int First => Range.First;
    private static int Last => Range.Last;
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();

    /// <summary>A loopback port free right now and not handed out before in this test run; the caller binds it soon after.</summary>
    public static int Free()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var port = Random.Shared.Next(First, Last + 1);
                if (!Given.Add(port)) continue;
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // in use by something else: try another
                }
            }
        }
        throw new InvalidOperationException($"No free loopback port in {First}–{Last}.");
    }

    private static (int, int) ParseRange(string? value)
    {
        if (string.IsNullOrEmpty(value)) return (20_000, 32_767);
        var parts = value.Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], out var first) && int.TryParse(parts[1], out var last)
            && first >= 1_024 && last <= 32_767 && last - first >= 1_000)
            return (first, last);
        throw new InvalidOperationException($"PARLEY_TEST_PORTS must be first-last within 1024–32767 and span at least 1,000 ports, not '{value}'.");
    }
}
