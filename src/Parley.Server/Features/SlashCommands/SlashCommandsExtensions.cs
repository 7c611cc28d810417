namespace Parley.Server.Features.SlashCommands;

/// <summary>Composition root of slash commands: the service the message endpoint hands "/…" texts to, and the list endpoint.</summary>
public static class SlashCommandsExtensions
{
    public static WebApplicationBuilder AddSlashCommands(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SlashCommandService>();
        builder.Services.AddOptions<SlashCommandsOptions>().Bind(builder.Configuration.GetSection(SlashCommandsOptions.Section))
            .Validate(o => o.ResponseUrlLifetime >= TimeSpan.FromSeconds(1) && o.ResponseUrlLifetime <= TimeSpan.FromDays(1),
                "Parley:SlashCommands:ResponseUrlLifetime must be between 1 second and 1 day.")
            .Validate(o => o.ResponseUrlUses is >= 1 and <= 100 && o.UnknownResponseTokensPerMinute > 0,
                "Parley:SlashCommands: ResponseUrlUses must be 1–100 and UnknownResponseTokensPerMinute positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ExternalCommandStore>();
        builder.Services.AddSingleton<ExternalCommandService>();
        return builder;
    }

    public static RouteGroupBuilder MapSlashCommands(this RouteGroupBuilder api)
    {
        api.MapSlashCommandsApi();
        return api;
    }
}
