using Parley.Server.Platform;

namespace Parley.Server.Features.Messages;

/// <summary>Composition root of messages: the service, its text filters (limits, send rate) and the mentions write step.</summary>
public static class MessagesExtensions
{
    public static WebApplicationBuilder AddMessages(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MessagesOptions>().Bind(builder.Configuration.GetSection(MessagesOptions.Section));
        services.AddSingleton<MessageStore>();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<MessageService>();
        services.AddTextFilter<MessageLimitsFilter>();
        services.AddTextFilter<SendRateFilter>();
        services.AddMessageWriteStep<MentionsStep>();
        return builder;
    }

    public static RouteGroupBuilder MapMessages(this RouteGroupBuilder api)
    {
        api.MapMessagesApi();
        return api;
    }
}
