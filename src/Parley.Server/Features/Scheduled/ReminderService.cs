using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Messages;
using Parley.Server.Storage;

namespace Parley.Server.Features.Scheduled;

/// <summary>
/// "Remind me about this message" (issue 20): one reminder per user and message, set only on a message the user may
/// read. At its time <see cref="ScheduledJob"/> fires it (once in a cluster: the status change is guarded in the
/// writer) and every device of the user gets <c>reminder.due</c>; it stays listed as due until deleted.
/// </summary>
public sealed class ReminderService(
    Database database, WriteQueue writer, MessageService messages, IOptions<ScheduledOptions> options,
    IEnumerable<IReminderDueListener> listeners, ILogger<ReminderService> logger)
{
    private ScheduledOptions O => options.Value;

    public async Task<ReminderDto> SetAsync(long userId, long messageId, SetReminderRequest request)
    {
        var at = ScheduleTime.Parse(request.At, "at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), O.MaxAhead);
        var message = await messages.GetAsync(userId, messageId); // 404 unless the user can read it
        return await writer.ExecuteAsync(w =>
        {
            if (ReminderStore.Count(w, userId, messageId) >= O.MaxRemindersPerUser)
                throw new ParleyException(409, ErrorCodes.ScheduleLimit, $"You may have at most {O.MaxRemindersPerUser} reminders.");
            var id = ReminderStore.Upsert(w, userId, messageId, message.ConversationId, at);
            return Publish(w, ReminderStore.Get(w, id)!, EventTypes.ReminderUpdated).Dto;
        });
    }

    public async Task<IReadOnlyList<ReminderDto>> ListAsync(long userId)
    {
        await using var c = await database.OpenAsync();
        return [.. (await ReminderStore.OfUserAsync(c, userId)).Select(r => r.ToDto())];
    }

    /// <summary>Deletes (dismisses) the user's reminder; anyone else's is 404.</summary>
    public Task DeleteAsync(long userId, long id) =>
        writer.ExecuteAsync(w =>
        {
            if (ReminderStore.Get(w, id) is not { } row || row.UserId != userId) throw ParleyException.NotFound("The reminder");
            ReminderStore.Delete(w, id);
            Publish(w, row, EventTypes.ReminderUpdated, ReminderStatuses.Deleted);
            return 0;
        });

    /// <summary>Fires a due reminder; false when it was not due any more (deleted, moved, or fired by another node).</summary>
    public async Task<bool> FireAsync(long id)
    {
        var fired = await writer.ExecuteAsync(w => ReminderStore.Fire(w, id) ? Publish(w, ReminderStore.Get(w, id)!, EventTypes.ReminderDue) : null);
        if (fired is null) return false;
        foreach (var listener in listeners)
        {
            try { await listener.ReminderDueAsync(fired.UserId, fired.Dto); }
            catch (Exception ex) { logger.LogWarning(ex, "A reminder listener ({Listener}) failed for reminder {Id}", listener.GetType().Name, id); }
        }
        return true;
    }

    private static Fired Publish(WriteContext w, ReminderStore.Row row, string type, string? status = null)
    {
        var dto = row.ToDto(status);
        w.PublishToUsers([row.UserId], new EventDto(type, 0, null, dto, UnixMs.To(w.NowMs)));
        return new Fired(row.UserId, dto);
    }

    private sealed record Fired(long UserId, ReminderDto Dto);
}
