using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Realtime;

/// <summary>
/// Who each connection watches for presence, bounded (issue 13: 4 connections watching 125,000 users each held 300 MB).
/// A connection may watch MaxWatchedPerConnection users, a user MaxWatchedPerUser over all their connections on this
/// node; beyond that a watch is refused (409) until the client unwatches. The sets go with the connection.
/// </summary>
public sealed class PresenceWatches(ConnectionRegistry connections, IOptions<RealtimeOptions> options)
{
    /// <summary>Adds the watches; returns the users newly watched by this connection.</summary>
    public IReadOnlyList<long> Watch(string connectionId, long userId, IReadOnlyList<long> users)
    {
        var connection = connections.Find(connectionId) ?? throw new ParleyException(401, ErrorCodes.Unauthenticated, "The session has ended; sign in again.");
        var o = options.Value;
        // The user's other connections are counted without their locks: two of them watching at the same moment may
        // together pass the per-user bound by at most one batch, where taking their locks inside this one could deadlock.
        var others = 0;
        foreach (var c in connections.ConnectionsOf(userId))
            if (c != connection) others += c.WatchedCount;
        lock (connection.Watched)
        {
            var added = users.Distinct().Where(u => !connection.Watched.Contains(u)).ToList();
            if (connection.Watched.Count + added.Count > o.MaxWatchedPerConnection)
                throw Limit($"A connection may watch at most {o.MaxWatchedPerConnection} users; unwatch some first.");
            if (others + connection.Watched.Count + added.Count > o.MaxWatchedPerUser)
                throw Limit($"One user may watch at most {o.MaxWatchedPerUser} users over all connections; unwatch some first.");
            foreach (var u in added) connection.Watched.Add(u);
            connection.CountWatched();
            return added;
        }
    }

    /// <summary>Removes the watches; returns the users this connection no longer watches.</summary>
    public IReadOnlyList<long> Unwatch(string connectionId, IEnumerable<long> users)
    {
        if (connections.Find(connectionId) is not { } connection) return [];
        lock (connection.Watched)
        {
            var removed = users.Distinct().Where(connection.Watched.Remove).ToList();
            connection.CountWatched();
            return removed;
        }
    }

    private static ParleyException Limit(string message) => new(409, ErrorCodes.Conflict, message);
}
