using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Parley.Server.Platform;

namespace Parley.Server.Realtime;

/// <summary>Composition root of real-time: the SignalR hub, this node's delivery, connections, presence and typing.</summary>
public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RealtimeOptions>().Bind(builder.Configuration.GetSection(RealtimeOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RealtimeOptions>, RealtimeOptionsValidation>();
        // The hub's heartbeats come from the same validated options the hello event announces.
        services.AddOptions<HubOptions>().Configure<IOptions<RealtimeOptions>>((hub, realtime) =>
        {
            hub.KeepAliveInterval = realtime.Value.KeepAliveInterval;
            hub.ClientTimeoutInterval = realtime.Value.ClientTimeout;
        });
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<ILocalDelivery>(sp => sp.GetRequiredService<EventDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<TypingThrottle>();
        services.AddSingleton<PresenceWatches>();
        services.AddSingleton<HubGuard>();
        services.AddHostedService<SessionEnforcer>();
        services.AddEventSubscriber<SessionEndsFromLog>();
        // HubGuard logs refused calls at Debug and failures once at Error; SignalR's own dispatcher would log every
        // refused call at Error with a stack trace (about 1 KB each), so its log is left to the guard.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);
        services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 64 * 1024;
                o.EnableDetailedErrors = false;
                o.AddFilter<HubGuard>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase)
            .AddMessagePackProtocol();
        return builder;
    }
}
