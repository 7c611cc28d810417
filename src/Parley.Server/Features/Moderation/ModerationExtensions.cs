using Parley.Server.Platform;

namespace Parley.Server.Features.Moderation;

/// <summary>Composition root of sensitive-word filtering (issue 16): rules, their filter on the text pipeline, the review queue.</summary>
public static class ModerationExtensions
{
    public static WebApplicationBuilder AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModerationOptions>().Bind(builder.Configuration.GetSection(ModerationOptions.Section))
            .Validate(o => o.MaxRules > 0 && o.MaxPatternLength is > 0 and <= 1000, "Parley:Moderation: MaxRules must be positive and MaxPatternLength 1–1000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ModerationStore>();
        builder.Services.AddSingleton<RuleSet>();
        builder.Services.AddSingleton<ModerationService>();
        builder.Services.AddTextFilter<SensitiveWordFilter>();
        builder.Services.AddEventSubscriber<RuleChangesFromLog>();
        return builder;
    }

    public static RouteGroupBuilder MapModeration(this RouteGroupBuilder api)
    {
        api.MapModerationApi();
        return api;
    }
}
