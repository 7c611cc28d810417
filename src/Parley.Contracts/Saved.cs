namespace Parley.Contracts;

/// <summary>PUT /messages/{id}/bookmark: an optional private note (at most 500 characters); empty clears it.</summary>
public sealed record BookmarkRequest(string? Note);

/// <summary>
/// One of the caller's saved messages. <see cref="Available"/> is false when the caller can no longer read the message
/// (left the conversation, or the message was deleted, recalled or purged): <see cref="Message"/> is then null, and so
/// are the conversation's name and kind unless the caller is still a member. The entry stays until the caller removes it.
/// </summary>
public sealed record BookmarkDto(
    long Id,
    long MessageId,
    long ConversationId,
    string? ConversationName,
    string? ConversationKind,
    string? Note,
    DateTimeOffset SavedAt,
    bool Available,
    MessageDto? Message);

/// <summary>The caller's bookmarks, newest saved first; <see cref="NextBefore"/> is the <c>before</c> of the next page (null at the end).</summary>
public sealed record BookmarkPage(IReadOnlyList<BookmarkDto> Items, long? NextBefore);

/// <summary>PUT /conversations/{id}/draft: the composer's text; empty (or only whitespace) deletes the draft.</summary>
public sealed record DraftRequest(string? Text, long? ThreadRootId);

/// <summary>
/// A composer draft kept for the caller per conversation (<see cref="ThreadRootId"/> null) or thread. As the data of
/// <c>draft.changed</c>, an empty <see cref="Text"/> means the draft was removed (cleared, or sent).
/// </summary>
public sealed record DraftDto(long ConversationId, long? ThreadRootId, string Text, DateTimeOffset UpdatedAt);

/// <summary>The <c>data</c> of bookmark.changed (to the user's own connections): saved or removed, with the note.</summary>
public sealed record BookmarkEventData(long MessageId, long ConversationId, bool Saved, string? Note);
