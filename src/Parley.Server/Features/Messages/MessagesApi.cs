using Parley.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Scheduled;
using Parley.Server.Features.SlashCommands;

namespace Parley.Server.Features.Messages;

public static class MessagesApi
{
    public static void MapMessagesApi(this RouteGroupBuilder api)
    {
        var conv = api.MapGroup("/conversations/{id:long}").WithTags("Messages");

        conv.MapPost("/messages", async Task<Results<Created<MessageDto>, Accepted<ScheduledMessageAcceptedDto>, Ok<SlashCommandResultDto>>> (
                long id, SendMessageRequest request, HttpContext http, MessageService service, ScheduledMessageService scheduled, SlashCommandService commands) =>
            {
                // "/name …" runs a slash command instead of being stored (bots' texts are always messages).
                if (!CurrentUser.IsBot(http.User) && await commands.TryRunAsync(CurrentUser.Id(http.User), id, request.Text, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}") is { } ran)
                    return TypedResults.Ok(ran);
                if (request.SendAt is not null)
                {
                    var s = await scheduled.ScheduleAsync(CurrentUser.Id(http.User), id, request);
                    return TypedResults.Accepted("/api/v1/scheduled-messages", s);
                }
                var m = await service.SendAsync(CurrentUser.Id(http.User), id, request);
                return TypedResults.Created($"/api/v1/messages/{m.Id}", m);
            }).WithSummary("Sends a message. Acknowledged (201) only after it is durably committed; idempotent by clientMsgId. "
                + "With sendAt (ISO 8601, future) it is scheduled instead: 202 with the schedule's id. "
                + "A text \"/name …\" runs that slash command instead (200 with its reply; nothing is stored): see GET /slash-commands.");

        conv.MapGet("/messages", async (long id, long? afterSeq, long? beforeSeq, int? limit, long? threadRootId, HttpContext http, MessageService service) =>
                await service.PageAsync(CurrentUser.Id(http.User), id, afterSeq, beforeSeq, limit, threadRootId))
            .WithSummary("A page of messages in seq order: the latest, or after/before a seq; threadRootId gives a thread's replies. headSeq is the conversation's last seq, read before the page.");

        conv.MapGet("/events", async (long id, long? afterSeq, int? limit, HttpContext http, MessageService service) =>
                new ListResponse<EventDto>(await service.EventsAsync(CurrentUser.Id(http.User), id, afterSeq, limit)))
            .WithSummary("The conversation's log after a seq, for catch-up (at most 1000 per page).");

        conv.MapGet("/pins", async (long id, HttpContext http, MessageService service) =>
                new ListResponse<MessageDto>(await service.PinnedAsync(CurrentUser.Id(http.User), id)))
            .WithSummary("Pinned messages, most recently pinned first.");

        var msg = api.MapGroup("/messages/{id:long}").WithTags("Messages");

        msg.MapGet("/", (long id, HttpContext http, MessageService service) => service.GetAsync(CurrentUser.Id(http.User), id))
            .WithSummary("One message.");
        msg.MapPatch("/", (long id, EditMessageRequest request, HttpContext http, MessageService service) =>
                service.EditAsync(CurrentUser.Id(http.User), id, request.Text))
            .WithSummary("Edits the caller's message.");
        msg.MapDelete("/", (long id, HttpContext http, MessageService service) => service.DeleteAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Deletes a message (sender, or owners and admins).");
        msg.MapPost("/recall", (long id, HttpContext http, MessageService service) => service.RecallAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Recalls the caller's message within the recall window.");
        msg.MapPost("/pin", (long id, HttpContext http, MessageService service) => service.PinAsync(CurrentUser.Id(http.User), id, pin: true))
            .WithSummary("Pins a message.");
        msg.MapDelete("/pin", (long id, HttpContext http, MessageService service) => service.PinAsync(CurrentUser.Id(http.User), id, pin: false))
            .WithSummary("Unpins a message.");
        msg.MapPost("/forward", async (long id, ForwardMessageRequest request, HttpContext http, MessageService service) =>
            {
                var m = await service.ForwardAsync(CurrentUser.Id(http.User), id, request);
                return TypedResults.Created($"/api/v1/messages/{m.Id}", m);
            }).WithSummary("Forwards a message to another conversation the caller is in.");
        msg.MapPut("/reactions/{emoji}", (long id, string emoji, HttpContext http, MessageService service) =>
                service.ReactAsync(CurrentUser.Id(http.User), id, emoji, add: true))
            .WithSummary("Adds the caller's reaction (idempotent).");
        msg.MapDelete("/reactions/{emoji}", (long id, string emoji, HttpContext http, MessageService service) =>
                service.ReactAsync(CurrentUser.Id(http.User), id, emoji, add: false))
            .WithSummary("Removes the caller's reaction.");
        msg.MapGet("/receipts", (long id, HttpContext http, MessageService service) => service.ReceiptsAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Who has read the message and who has not (the sender excluded).");
    }
}
