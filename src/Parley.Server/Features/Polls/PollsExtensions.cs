using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Server.Platform;

namespace Parley.Server.Features.Polls;

/// <summary>Composition root of polls and sign-up chains.</summary>
public static class PollsExtensions
{
    public static WebApplicationBuilder AddPolls(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PollStore>();
        services.AddSingleton<MessagePolls>();
        services.AddSingleton<PollService>();
        services.AddMessageWriteStep<PollWriteStep>();
        return builder;
    }

    public static RouteGroupBuilder MapPolls(this RouteGroupBuilder api)
    {
        api.MapPollsApi();
        return api;
    }
}
