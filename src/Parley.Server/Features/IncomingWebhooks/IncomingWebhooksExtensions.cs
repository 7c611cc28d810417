using Parley.Server.Features.Cards;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Server.Platform;

namespace Parley.Server.Features.IncomingWebhooks;

/// <summary>Composition root of incoming webhooks and message cards (Features/Cards).</summary>
public static class IncomingWebhooksExtensions
{
    public static WebApplicationBuilder AddIncomingWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IncomingWebhooksOptions>().Bind(builder.Configuration.GetSection(IncomingWebhooksOptions.Section))
            .Validate(o => o.RequestsPerMinute > 0 && o.UnknownTokenAttemptsPerMinute > 0 && o.MaxPerConversation is > 0 and <= 1000,
                "Parley:IncomingWebhooks: RequestsPerMinute and UnknownTokenAttemptsPerMinute must be positive, MaxPerConversation 1–1000.")
            .Validate(o => o.ActionTimeout > TimeSpan.Zero && o.ActionTimeout <= TimeSpan.FromSeconds(30),
                "Parley:IncomingWebhooks:ActionTimeout must be more than 0 and at most 30 seconds.")
            .ValidateOnStart();
        services.AddSingleton<IncomingWebhookStore>();
        services.AddSingleton<IncomingWebhookService>();
        services.AddSingleton<CardStore>();
        services.AddSingleton<MessageCards>();
        services.AddSingleton<CardTexts>();
        services.AddSingleton<CardActionService>();
        services.AddMessageWriteStep<CardWriteStep>();
        return builder;
    }

    public static RouteGroupBuilder MapIncomingWebhooks(this RouteGroupBuilder api)
    {
        api.MapIncomingWebhooksApi();
        return api;
    }
}
