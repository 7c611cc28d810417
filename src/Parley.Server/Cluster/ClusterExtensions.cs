using Parley.Server.Common;
using Parley.Server.Realtime;

namespace Parley.Server.Cluster;

/// <summary>
/// Cluster mode (ConnectionStrings:Redis set): the Redis event bus, presence directory and rate counters replace the
/// in-process ones. Without it, the local implementations serve one node.
/// </summary>
public static class ClusterExtensions
{
    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        var cluster = new ClusterOptions
        {
            RedisConnectionString = config.GetConnectionString(ClusterOptions.ConnectionStringName),
            Prefix = config["Parley:Cluster:Prefix"] is { Length: > 0 } prefix ? prefix : "parley:",
        };
        services.AddSingleton(cluster);
        if (cluster.Enabled)
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<ClusterBus>();
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<ClusterBus>());
            services.AddHostedService(sp => sp.GetRequiredService<ClusterBus>());
            services.AddSingleton<RedisPresenceDirectory>();
            services.AddSingleton<IPresenceDirectory>(sp => sp.GetRequiredService<RedisPresenceDirectory>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisPresenceDirectory>());
            services.AddSingleton<IRateCounter, RedisRateCounter>();
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }
        else
        {
            services.AddSingleton<IEventBus, LocalEventBus>();
            services.AddSingleton<IPresenceDirectory, LocalPresenceDirectory>();
            services.AddSingleton<IRateCounter, LocalRateCounter>();
        }
        return builder;
    }
}
