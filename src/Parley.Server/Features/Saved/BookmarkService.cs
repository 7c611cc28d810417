using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Storage;

namespace Parley.Server.Features.Saved;

/// <summary>
/// Saved messages (issue 20): a reader of a message keeps it in a personal list with an optional note. Only an active
/// member may save (a non-member gets 404, as if the message did not exist); removing needs no membership, so a user
/// who left can still clear an entry that became unavailable. Every change is pushed to the user's own connections.
/// </summary>
public sealed class BookmarkService(BookmarkStore store, MessageStore messageRows, MessageService messages, WriteQueue writer, SavedWriteLimit limit, IOptions<SavedOptions> options)
{
    private SavedOptions O => options.Value;

    public async Task<BookmarkDto> SaveAsync(long userId, long messageId, string? note)
    {
        note = ValidateNote(note);
        await limit.AcquireAsync(userId);
        var (row, conversation, message) = await writer.ExecuteAsync(w =>
        {
            var m = MessageStore.Get(w, messageId);
            var c = m is null ? null : ConversationStore.Find(w, m.ConversationId, userId);
            if (m is null || c?.Role is null) throw ParleyException.NotFound("The message");
            if (m.DeletedAt is not null || m.RecalledAt is not null || m.PurgedAt is not null)
                throw ParleyException.Conflict("The message was deleted or recalled.");
            var existing = BookmarkStore.Find(w, userId, messageId);
            if (existing is not null && existing.Note == note) return (existing, c, m); // idempotent: nothing changed, nothing pushed
            if (existing is null && BookmarkStore.Count(w, userId) >= O.MaxBookmarksPerUser)
                throw new ParleyException(409, ErrorCodes.QuotaExceeded, $"You can keep at most {O.MaxBookmarksPerUser} saved messages; remove some first.");
            var saved = BookmarkStore.Upsert(w, userId, messageId, m.ConversationId, note);
            Push(w, userId, new BookmarkEventData(messageId, m.ConversationId, Saved: true, note));
            return (saved, c, m);
        });
        var dto = (await messages.WithReactionsAsync([message]))[0];
        return new BookmarkDto(row.Id, row.MessageId, row.ConversationId, conversation.Name, conversation.Kind, row.Note, UnixMs.To(row.CreatedAt), true, dto);
    }

    /// <summary>Removes the caller's bookmark of the message if there is one (idempotent; touches nothing else).</summary>
    public async Task RemoveAsync(long userId, long messageId)
    {
        await limit.AcquireAsync(userId);
        await writer.ExecuteAsync(w =>
        {
            if (BookmarkStore.Delete(w, userId, messageId) is { } removed)
                Push(w, userId, new BookmarkEventData(messageId, removed.ConversationId, Saved: false, null));
            return 0;
        });
    }

    /// <summary>
    /// Newest saved first. An entry whose message the caller can no longer read stays in the list, marked unavailable
    /// and without the message (and without the conversation's name once the caller left it), so the caller sees that
    /// something is gone and can remove it, while learning nothing they could not read.
    /// </summary>
    public async Task<BookmarkPage> PageAsync(long userId, long? before, int? limit)
    {
        var size = Paging.Limit(limit);
        var rows = await store.PageAsync(userId, Paging.Cursor(before, "before"), size);
        var readable = rows.Where(r => r.IsMember && !r.MessageGone).Select(r => r.MessageId).ToList();
        var dtos = (await messages.WithReactionsAsync(await messageRows.FindManyAsync(readable))).ToDictionary(m => m.Id);
        var items = rows.Select(r =>
        {
            var message = r.IsMember && !r.MessageGone ? dtos.GetValueOrDefault(r.MessageId) : null;
            return new BookmarkDto(r.Id, r.MessageId, r.ConversationId, r.ConversationName, r.ConversationKind, r.Note, UnixMs.To(r.CreatedAt), message is not null, message);
        }).ToList();
        return new BookmarkPage(items, rows.Count == size ? rows[^1].Id : null);
    }

    private static void Push(WriteContext w, long userId, BookmarkEventData data) =>
        w.PublishToUsers([userId], new EventDto(EventTypes.BookmarkChanged, 0, null, data, UnixMs.To(w.NowMs)));

    private string? ValidateNote(string? note)
    {
        if (string.IsNullOrWhiteSpace(note)) return null;
        note = note.Trim();
        if (note.Length > O.MaxNoteLength || note.Any(ch => ch == '\0'))
            throw ParleyException.Invalid("note", $"A note is at most {O.MaxNoteLength} characters, without NUL.");
        return note;
    }
}
