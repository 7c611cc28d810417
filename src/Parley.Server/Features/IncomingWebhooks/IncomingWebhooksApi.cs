using System.Text;
using Parley.Contracts;
using Parley.Server.Features.Cards;
using Parley.Server.Platform;

namespace Parley.Server.Features.IncomingWebhooks;

public static class IncomingWebhooksApi
{
    public static void MapIncomingWebhooksApi(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/conversations/{id:long}/incoming-webhooks").WithTags("Integrations");
        hooks.MapPost("/", async (long id, CreateIncomingWebhookRequest request, HttpContext http, IncomingWebhookService service) =>
            {
                var created = await service.CreateAsync(Actor.Of(http), id, request, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");
                return TypedResults.Created($"/api/v1/conversations/{id}/incoming-webhooks/{created.Id}", created);
            })
            .WithSummary("Creates an incoming webhook (the conversation's owners and admins, or conversations.manage). The token, its URL and the signing secret of card clicks are shown this once.");
        hooks.MapGet("/", async (long id, HttpContext http, IncomingWebhookService service) =>
                new ListResponse<IncomingWebhookDto>(await service.ListAsync(Actor.Of(http), id)))
            .WithSummary("The conversation's live incoming webhooks (never their tokens).");
        hooks.MapDelete("/{hookId:long}", async (long id, long hookId, HttpContext http, IncomingWebhookService service) =>
            {
                await service.RevokeAsync(Actor.Of(http), id, hookId);
                return TypedResults.NoContent();
            })
            .WithSummary("Revokes an incoming webhook: its URL answers 404 from now on and its identity leaves the conversation.");

        api.MapPost("/messages/{id:long}/card-actions", (long id, CardActionRequest request, HttpContext http, CardActionService service) =>
                service.ClickAsync(Features.Auth.CurrentUser.Id(http.User), id, request))
            .WithTags("Integrations")
            .WithSummary("A click on a card's button (members only): calls the integration's action URL, signed (Standard Webhooks). "
                + "Its answer updates the card for everyone (updated), replies to the caller only (ephemeral) or nothing (none). 504 card_action_timeout, 502 card_action_failed.");

        api.MapPost("/hooks/{token}", async (string token, HttpContext http, IncomingWebhookService service) =>
            {
                var hook = await service.AuthenticateAsync(token, http.Connection.RemoteIpAddress?.ToString());
                var request = http.Request;
                IFormCollection? form = request.HasFormContentType ? await request.ReadFormAsync(http.RequestAborted) : null;
                var body = "";
                if (form is null)
                {
                    using var reader = new StreamReader(request.Body, Encoding.UTF8);
                    body = await reader.ReadToEndAsync(http.RequestAborted);
                }
                await service.PostAsync(hook, SlackPayload.Parse(request.ContentType, body, form));
                return TypedResults.Text("ok", "text/plain");
            })
            .AllowAnonymous().WithTags("Integrations")
            .WithSummary("Posts into the hook's conversation (no bearer: the token is the secret). Takes Slack's JSON (text, attachments, blocks), "
                + "a form with payload=, Parley's own {text, card}, or plain text; answers 200 ok. 404 for an unknown or revoked token, 429 hook_rate_limited.");
    }
}
