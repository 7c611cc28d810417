using Parley.Contracts;

namespace Parley.Server.Features.SlashCommands;

public static class SlashCommandsApi
{
    public static void MapSlashCommandsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/slash-commands", (SlashCommandService service) => new ListResponse<SlashCommandDto>(service.List()))
            .WithTags("Integrations")
            .WithSummary("The commands the composer offers after \"/\" with their usage and description. Send one as a message's text to run it.");
    }
}
