using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Parley.Server.Platform.Email;
using Parley.Server.Platform.Identity;
using Parley.Server.Platform.Outbound;
using Parley.Server.Platform.Permissions;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Platform.Subscribers;

namespace Parley.Server.Platform;

/// <summary>
/// The seams features plug into (docs/architecture.md, "Seams"): the text pipeline and message write steps, durable
/// subscribers, identity providers and session policies, permissions. A feature adds itself with the Add… methods
/// here, from its own Extensions file; nothing else changes.
/// </summary>
public static class PlatformExtensions
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TextPipeline>();
        services.AddTextFilter<BidiControlFilter>();

        services.AddOptions<SubscribersOptions>().Bind(builder.Configuration.GetSection(SubscribersOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SubscribersOptions>, SubscribersOptionsValidation>();
        services.AddSingleton<EventReader>();
        services.AddSingleton<SubscriberCursors>();

        services.AddOutboundHttp(builder.Configuration);
        builder.AddEmail();

        services.AddSingleton<SessionIssuer>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        return builder;
    }

    /// <summary>
    /// Starts the subscribers' host. Called after the writer is registered: hosted services stop in reverse order, so
    /// subscribers release their leases through a writer that is still running.
    /// </summary>
    public static IServiceCollection AddSubscriberHost(this IServiceCollection services) =>
        services.AddHostedService<SubscriberHost>();

    public static RouteGroupBuilder MapPlatform(this RouteGroupBuilder api)
    {
        api.MapSubscribersApi();
        api.MapEmailApi();
        return api;
    }

    /// <summary>
    /// <see cref="OutboundHttp"/>: the guarded client every integration call goes through (Parley:Webhooks). Public so
    /// tests build the same client without a server.
    /// </summary>
    public static IServiceCollection AddOutboundHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboundOptions>().Bind(configuration.GetSection(OutboundOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboundOptions>, OutboundOptionsValidation>();
        services.AddHttpClient(OutboundHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => OutboundHttp.CreateHandler(sp.GetRequiredService<IOptionsMonitor<OutboundOptions>>()))
            .AddResilienceHandler("outbound", (pipeline, context) =>
                OutboundHttp.ConfigureResilience(pipeline, context.ServiceProvider.GetRequiredService<IOptions<OutboundOptions>>().Value));
        services.AddSingleton<OutboundHttp>();
        return services;
    }

    public static IServiceCollection AddTextFilter<T>(this IServiceCollection services) where T : class, ITextFilter =>
        services.AddSingleton<ITextFilter, T>();

    public static IServiceCollection AddMessageWriteStep<T>(this IServiceCollection services) where T : class, IMessageWriteStep =>
        services.AddSingleton<IMessageWriteStep, T>();

    public static IServiceCollection AddEventSubscriber<T>(this IServiceCollection services) where T : class, IEventSubscriber =>
        services.AddSingleton<IEventSubscriber, T>();

    public static IServiceCollection AddIdentityProvider<T>(this IServiceCollection services) where T : class, IIdentityProvider =>
        services.AddSingleton<IIdentityProvider, T>();

    public static IServiceCollection AddSessionPolicy<T>(this IServiceCollection services) where T : class, ISessionPolicy =>
        services.AddSingleton<ISessionPolicy, T>();
}
