using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;

namespace Parley.Server.Features.Service;

/// <summary>Composition root of customer service (issue 18): widgets, queues, visitor sessions, the agents' desk, the AI first line, the routing sweep, visitor retention.</summary>
public static class ServiceExtensions
{
    public static WebApplicationBuilder AddService(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServiceOptions>().Bind(builder.Configuration.GetSection(ServiceOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ServiceOptions>, ServiceOptionsValidation>();
        builder.Services.AddSingleton<ServiceStore>();
        builder.Services.AddSingleton<ServiceRouter>();
        builder.Services.AddSingleton<ServiceNotices>();
        builder.Services.AddSingleton<ServiceSetup>();
        builder.Services.AddSingleton<ServiceDesk>();
        builder.Services.AddSingleton<VisitorIdentity>();
        builder.Services.AddSingleton<VisitorService>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<VisitorChallenges>();
        builder.Services.AddEventSubscriber<ServiceBot>();
        builder.Services.AddOptions<VisitorEmailOptions>().Bind(builder.Configuration.GetSection(VisitorEmailOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<VisitorEmailOptions>, VisitorEmailOptionsValidation>();
        builder.Services.AddEventSubscriber<VisitorOfflineEmail>();
        builder.Services.TryAddSingleton<JobLease>();
        builder.Services.AddHostedService<ServiceRoutingSweep>();
        builder.Services.AddSingleton<VisitorRetention>();
        builder.Services.AddHostedService<VisitorRetentionJob>();
        return builder;
    }

    public static RouteGroupBuilder MapService(this RouteGroupBuilder api)
    {
        api.MapServiceApi();
        return api;
    }
}

public sealed class ServiceOptionsValidation : IValidateOptions<ServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, ServiceOptions options) =>
        options.Errors().ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
