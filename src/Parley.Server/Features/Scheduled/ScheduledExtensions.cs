namespace Parley.Server.Features.Scheduled;

/// <summary>Composition root of scheduled send and reminders (issue 20).</summary>
public static class ScheduledExtensions
{
    public static WebApplicationBuilder AddScheduled(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScheduledOptions>().Bind(builder.Configuration.GetSection(ScheduledOptions.Section))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.MaxAhead > TimeSpan.Zero && o.MaxPendingPerUser > 0 && o.MaxRemindersPerUser > 0
                           && o.ClaimLease >= TimeSpan.FromSeconds(5) && o.MaxAttempts > 0,
                "Parley:Scheduled: PollInterval and MaxAhead must be positive, the per-user limits and MaxAttempts at least 1, ClaimLease at least 5 seconds.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ScheduledMessageService>();
        builder.Services.AddSingleton<ReminderService>();
        builder.Services.AddHostedService<ScheduledJob>();
        return builder;
    }

    public static RouteGroupBuilder MapScheduled(this RouteGroupBuilder api)
    {
        api.MapScheduledApi();
        return api;
    }
}
