using Microsoft.Extensions.Options;
using Parley.Server.Platform.Jobs;
using Parley.Server.Storage;

namespace Parley.Server.Features.Service;

/// <summary>
/// Offers what the event-driven routing could not: every Parley:Service:RoutingSweepInterval, on the node holding the
/// "service-router" lease (so two nodes never offer the same conversation), each queue with a waiting conversation
/// nobody is offered and an agent with a free place runs <see cref="ServiceRouter.OfferWaiting"/>: a skilled agent who
/// has come online gets the conversations held for them, and a conversation whose skill fallback time has passed goes
/// to any agent of the queue. Offers are published through the writer as every other offer is (to the agent's node).
/// </summary>
public sealed class ServiceRoutingSweep(ServiceStore store, ServiceRouter router, WriteQueue writer, JobLease lease, IOptionsMonitor<ServiceOptions> options,
    TimeProvider clock, ILogger<ServiceRoutingSweep> logger) : LeasedWorker(lease, clock, logger)
{
    public const string Lease = "service-router";

    protected override string LeaseName => Lease;
    protected override TimeSpan LeaseDuration => TimeSpan.FromSeconds(30);
    protected override TimeSpan PollInterval => options.CurrentValue.RoutingSweepInterval;

    /// <summary>Always false: a conversation that still suits nobody must wait for the next interval, not spin the loop.</summary>
    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        var queues = await store.QueuesWithUnofferedAsync();
        if (queues.Count == 0) return false;
        var withPlace = (await store.AgentsAsync()).Where(a => a.Open < a.Capacity).Select(a => a.QueueId).ToHashSet();
        foreach (var queueId in queues.Where(withPlace.Contains))
        {
            var online = await router.OnlineAsync(queueId);
            var fallback = options.CurrentValue.SkillFallback;
            await writer.ExecuteAsync(w => { ServiceRouter.OfferWaiting(w, queueId, online, fallback); return 0; });
        }
        return false;
    }
}
