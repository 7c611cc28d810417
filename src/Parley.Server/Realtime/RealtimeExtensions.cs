using Microsoft.Extensions.Options;

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
        services.AddOptions<Microsoft.AspNetCore.SignalR.HubOptions>().Configure<IOptions<RealtimeOptions>>((hub, realtime) =>
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
        services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 64 * 1024;
                o.EnableDetailedErrors = false;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase)
            .AddMessagePackProtocol();
        return builder;
    }
}
