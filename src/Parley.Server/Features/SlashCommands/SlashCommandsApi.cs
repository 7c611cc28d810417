using Parley.Contracts;
using Parley.Server.Platform;

namespace Parley.Server.Features.SlashCommands;

public static class SlashCommandsApi
{
    public static void MapSlashCommandsApi(this RouteGroupBuilder api)
    {
        var commands = api.MapGroup("/slash-commands").WithTags("Integrations");
        commands.MapGet("/", async (SlashCommandService service) => new ListResponse<SlashCommandDto>(await service.ListAsync()))
            .WithSummary("The commands the composer offers after \"/\" with their usage and description: built in, and registered by an administrator (external, with their id). Send one as a message's text to run it.");
        commands.MapPost("/", async (CreateSlashCommandRequest request, HttpContext http, SlashCommandService service) =>
            {
                var created = await service.RegisterAsync(Actor.Of(http), request);
                return TypedResults.Created($"/api/v1/slash-commands/{created.Id}", created);
            })
            .WithSummary("Registers an external command (integrations.manage): Parley POSTs Slack's form fields to its URL, signed (Standard Webhooks) with the secret shown this once. "
                + "422 target_forbidden for an internal address not in Parley:Webhooks:AllowedHosts; 409 for a built-in's or a registered name.");
        commands.MapDelete("/{id:long}", async (long id, HttpContext http, ExternalCommandService service) =>
            {
                await service.DeleteAsync(Actor.Of(http), id);
                return TypedResults.NoContent();
            })
            .WithSummary("Removes an external command (integrations.manage); its identity is deactivated and its response URLs answer 404.");
        commands.MapPost("/responses/{token}", async (string token, HttpContext http, ExternalCommandService service) =>
            {
                if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                    limit.MaxRequestBodySize = 64 * 1024;
                using var buffer = new MemoryStream();
                await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
                if (buffer.Length > 64 * 1024) throw Common.ParleyException.Invalid("text", "The answer is larger than 64 KiB.");
                await service.RespondAsync(token, buffer.ToArray(), http.Connection.RemoteIpAddress?.ToString());
                return TypedResults.Ok();
            })
            .AllowAnonymous()
            .WithSummary("A command's delayed answer (its response_url; no bearer: the token is the secret, valid 30 minutes, 5 answers). "
                + "JSON {response_type: ephemeral | in_channel, text}. 404 unknown or expired, 410 response_url_used_up, 429 too many unknown tokens.");
    }
}
