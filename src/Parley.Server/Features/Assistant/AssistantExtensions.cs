namespace Parley.Server.Features.Assistant;

/// <summary>Composition root of the assistant (issue 18): summaries and reply suggestions, off by default.</summary>
public static class AssistantExtensions
{
    public static WebApplicationBuilder AddAssistant(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AssistantOptions>().Bind(builder.Configuration.GetSection(AssistantOptions.Section))
            .Validate(o => o.IsValid(), "Parley:Ai:Assistant is invalid: MaxMessages 1–2000, SuggestionContextMessages 1–200, MaxMessageChars 100–100,000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AssistantStore>();
        builder.Services.AddSingleton<AssistantService>();
        return builder;
    }

    public static RouteGroupBuilder MapAssistant(this RouteGroupBuilder api)
    {
        api.MapAssistantApi();
        return api;
    }
}
