namespace Parley.Server.Features.SlashCommands;

/// <summary>Composition root of slash commands: the service the message endpoint hands "/…" texts to, and the list endpoint.</summary>
public static class SlashCommandsExtensions
{
    public static WebApplicationBuilder AddSlashCommands(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SlashCommandService>();
        return builder;
    }

    public static RouteGroupBuilder MapSlashCommands(this RouteGroupBuilder api)
    {
        api.MapSlashCommandsApi();
        return api;
    }
}
