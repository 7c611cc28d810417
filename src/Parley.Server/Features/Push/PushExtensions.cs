using Microsoft.Extensions.Options;
using Parley.Server.Platform;

namespace Parley.Server.Features.Push;

/// <summary>Composition root of Web Push (issue 20): devices and settings, the VAPID keys, the notifier and the message subscriber.</summary>
public static class PushExtensions
{
    public static WebApplicationBuilder AddPush(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PushOptions>().Bind(builder.Configuration.GetSection(PushOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PushOptions>, PushOptionsValidation>();
        // No client-wide timeout: each request has its own (Parley:Push:Timeout), and a push service's redirect is not followed.
        services.AddHttpClient(PushNotifier.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<PushStore>();
        services.AddSingleton<VapidKeys>();
        services.AddSingleton<PushService>();
        services.AddSingleton<PushNotifier>();
        services.AddEventSubscriber<MessagePushes>();
        return builder;
    }

    public static RouteGroupBuilder MapPush(this RouteGroupBuilder api)
    {
        api.MapPushApi();
        return api;
    }
}
