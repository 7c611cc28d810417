using Dapper;
using Parley.Server.Cluster;
using Parley.Server.Storage;

namespace Parley.Server.Platform.Jobs;

/// <summary>
/// Keeps a periodic job (the retention purge) on one node at a time: a named lease in <c>job_leases</c>, taken or
/// renewed through the writer. A node that dies stops renewing; another takes over when the lease runs out.
/// </summary>
public sealed class JobLease(WriteQueue writer, ClusterOptions cluster)
{
    /// <summary>True when this node now holds the lease for <paramref name="duration"/>.</summary>
    public Task<bool> TryAcquireAsync(string name, TimeSpan duration) =>
        writer.ExecuteAsync(w =>
        {
            var until = w.NowMs + (long)duration.TotalMilliseconds;
            w.Connection.Execute("INSERT INTO job_leases(name, owner, lease_until) VALUES (@name, '', 0) ON CONFLICT (name) DO NOTHING", new { name }, w.Transaction);
            return w.Connection.Execute(
                "UPDATE job_leases SET owner = @node, lease_until = @until WHERE name = @name AND (owner = @node OR lease_until < @now)",
                new { name, node = cluster.NodeId, until, now = w.NowMs }, w.Transaction) == 1;
        });

    /// <summary>Gives the lease up when the job is done, so a run asked for on another node need not wait.</summary>
    public Task ReleaseAsync(string name) =>
        writer.ExecuteAsync(w => w.Connection.Execute("UPDATE job_leases SET lease_until = 0 WHERE name = @name AND owner = @node",
            new { name, node = cluster.NodeId }, w.Transaction));
}
