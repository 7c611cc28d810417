using System.Text.Json;
using Parley.Server.Features.Auth;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Platform.SystemLog;

namespace Parley.Server.Realtime;

/// <summary>
/// A hub connection lives no longer than its session (issue 13). Every way a session ends closes its connections on
/// this node: an eviction here (logout, revocation, password change or reset, deactivation through the API), an
/// eviction another node announced over Redis, and — through <see cref="SessionEndsFromLog"/>, which every node runs
/// over the system stream — changes made by the CLI or by any node, within the subscribers' poll interval. Expired
/// sessions are swept every few seconds, and so are session-cache entries past their TTL. Hub calls are checked
/// against the same registry (<see cref="HubGuard"/>).
/// </summary>
public sealed class SessionEnforcer : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);
    private readonly ConnectionRegistry _connections;
    private readonly SessionCache _cache;

    public SessionEnforcer(ConnectionRegistry connections, SessionCache cache)
    {
        _connections = connections;
        _cache = cache;
        cache.Ended += (sessionIds, userId) =>
        {
            if (sessionIds is not null) connections.CloseSessions(sessionIds);
            if (userId is { } u) connections.CloseUser(u);
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = DateTimeOffset.UtcNow;
            _connections.CloseExpired(now.ToUnixTimeMilliseconds());
            _cache.Sweep(now);
        }
    }
}

/// <summary>
/// Per-node reader of the system stream that ends sessions wherever they were ended (the CLI writes to the database
/// only; another node may have missed a Redis message): evicts them from this node's cache, which closes their hub
/// connections here.
/// </summary>
public sealed class SessionEndsFromLog(SessionCache cache) : IEventSubscriber
{
    public string Name => "session-ends";
    public string Stream => EventStreams.System;
    public bool PerNode => true;

    public Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var e in batch)
        {
            switch (e.Type)
            {
                case SystemEventTypes.UserDeactivated when e.TargetId is { } user:
                    cache.EvictUser(user, broadcast: false);
                    break;
                case SystemEventTypes.SessionRevoked or SystemEventTypes.PasswordReset or SystemEventTypes.PasswordChanged:
                    var ids = SessionIds(e.Data);
                    if (ids.Length > 0) cache.EvictSessions(ids, broadcast: false);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    private static long[] SessionIds(string? data)
    {
        if (data is null) return [];
        using var doc = JsonDocument.Parse(data);
        return doc.RootElement.TryGetProperty("sessionIds", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Select(i => i.GetInt64()).ToArray()
            : [];
    }
}
