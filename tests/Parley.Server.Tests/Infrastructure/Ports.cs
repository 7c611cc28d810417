using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Tests.Infrastructure;

public static class Ports
{
    // Below Linux's ephemeral range (32768–60999): a port handed out here cannot be taken, between this check and the
    // server process binding it, by an in-process test server listening on port 0 or by an outgoing connection — both
    // get ephemeral ports. (With the OS's own pick, a child server could fail to bind while the readiness probe was
    // answered by another test's server on that port.)
    private const int First = 20_000, Last = 32_767;
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
}
