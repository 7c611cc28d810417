using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Server.Features.Urgent.Escalation;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;

namespace Parley.Server.Features.Urgent;

/// <summary>Composition root of urgent messages: service, erase step, escalation job and the built-in webhook escalation.</summary>
public static class UrgentExtensions
{
    public static WebApplicationBuilder AddUrgent(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<UrgentOptions>().Bind(builder.Configuration.GetSection(UrgentOptions.Section))
            .Validate(o => o.MaxTargets is > 0 and <= 500 && o.RateLimit > 0 && o.RateWindow > TimeSpan.Zero,
                "Parley:Urgent: MaxTargets must be 1–500, RateLimit and RateWindow positive.")
            .Validate(o => o.EscalateAfter is null || (o.EscalateAfter > TimeSpan.Zero && o.EscalationPollInterval > TimeSpan.Zero && o.MaxEscalationAttempts > 0),
                "Parley:Urgent: EscalateAfter, EscalationPollInterval and MaxEscalationAttempts must be positive.")
            .Validate(o => o.Webhook.Url is null || (Uri.TryCreate(o.Webhook.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
                    && o.Webhook.Secret is { Length: >= 16 } && o.Webhook.Timeout > TimeSpan.Zero),
                "Parley:Urgent:Webhook: Url must be an absolute http(s) URL, with a Secret of at least 16 characters.")
            .ValidateOnStart();
        services.AddSingleton<UrgentStore>();
        services.AddSingleton<UrgentService>();
        services.AddSingleton<UrgentPushes>();
        services.AddMessageWriteStep<UrgentEraseStep>();
        services.TryAddSingleton<JobLease>();
        services.AddHostedService<UrgentEscalationJob>();
        if (!string.IsNullOrEmpty(builder.Configuration[$"{UrgentOptions.Section}:Webhook:Url"])) services.AddUrgentEscalation<WebhookUrgentEscalation>();
        return builder;
    }

    /// <summary>Adds a provider the escalation job calls for targets who have not acknowledged in time.</summary>
    public static IServiceCollection AddUrgentEscalation<T>(this IServiceCollection services) where T : class, IUrgentEscalation
    {
        services.AddSingleton<IUrgentEscalation, T>();
        return services;
    }

    public static RouteGroupBuilder MapUrgent(this RouteGroupBuilder api)
    {
        api.MapUrgentApi();
        return api;
    }
}
