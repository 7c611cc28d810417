using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;

namespace Parley.Server.Features.Webhooks;

/// <summary>Composition root of outgoing webhooks: API, service, the outbox subscriber and the sender.</summary>
public static class WebhookExtensions
{
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookDeliveryOptions>().Bind(builder.Configuration.GetSection(WebhookDeliveryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookDeliveryOptions>, WebhookDeliveryOptionsValidation>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookService>();
        services.TryAddSingleton<JobLease>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        services.AddEventSubscriber<WebhookOutbox>();
        return builder;
    }

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        api.MapWebhookApi();
        return api;
    }
}
