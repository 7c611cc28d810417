using Parley.Contracts;
using Parley.Server.Features.Auth;

namespace Parley.Server.Features.Scheduled;

/// <summary>The caller's scheduled messages and reminders. Scheduling itself is POST /conversations/{id}/messages with sendAt.</summary>
public static class ScheduledApi
{
    public static void MapScheduledApi(this RouteGroupBuilder api)
    {
        var scheduled = api.MapGroup("/scheduled-messages").WithTags("Scheduled");

        scheduled.MapGet("/", async (HttpContext http, ScheduledMessageService service) =>
                new ListResponse<ScheduledMessageDto>(await service.ListAsync(CurrentUser.Id(http.User))))
            .WithSummary("The caller's scheduled messages that are waiting, being sent or failed, earliest first.");
        scheduled.MapPatch("/{id:long}", (long id, UpdateScheduledMessageRequest request, HttpContext http, ScheduledMessageService service) =>
                service.UpdateAsync(CurrentUser.Id(http.User), id, request))
            .WithSummary("Changes the text and/or time of the caller's waiting scheduled message.");
        scheduled.MapDelete("/{id:long}", async (long id, HttpContext http, ScheduledMessageService service) =>
            {
                await service.DeleteAsync(CurrentUser.Id(http.User), id);
                return TypedResults.NoContent();
            }).WithSummary("Deletes the caller's scheduled message (waiting or failed).");
        scheduled.MapPost("/{id:long}/send", (long id, HttpContext http, ScheduledMessageService service) =>
                service.SendNowAsync(CurrentUser.Id(http.User), id))
            .WithSummary("Sends the caller's waiting scheduled message now; returns the message.");

        api.MapPost("/messages/{id:long}/reminder", async (long id, SetReminderRequest request, HttpContext http, ReminderService service) =>
            {
                var r = await service.SetAsync(CurrentUser.Id(http.User), id, request);
                return TypedResults.Created($"/api/v1/reminders/{r.Id}", r);
            }).WithTags("Reminders").WithSummary("Reminds the caller of a message they can read at a time (sets or moves their reminder of it).");

        var reminders = api.MapGroup("/reminders").WithTags("Reminders");
        reminders.MapGet("/", async (HttpContext http, ReminderService service) =>
                new ListResponse<ReminderDto>(await service.ListAsync(CurrentUser.Id(http.User))))
            .WithSummary("The caller's reminders, pending and due, earliest first.");
        reminders.MapDelete("/{id:long}", async (long id, HttpContext http, ReminderService service) =>
            {
                await service.DeleteAsync(CurrentUser.Id(http.User), id);
                return TypedResults.NoContent();
            }).WithSummary("Deletes (dismisses) the caller's reminder.");
    }
}
