namespace Parley.Contracts;

/// <summary>
/// A message; <see cref="FileIds"/> attaches the sender's uploaded files (text may then be empty); <see cref="UrgentFor"/>
/// marks it urgent for these members. <see cref="SendAt"/> (ISO 8601 with an offset, in the future) schedules it instead
/// of sending it now (HTTP only; see ScheduledMessageDto).
/// </summary>
public sealed record SendMessageRequest(string? Text, string? ClientMsgId, long? ThreadRootId, long? QuoteId, long[]? FileIds = null, long[]? UrgentFor = null, string? SendAt = null);

public sealed record EditMessageRequest(string? Text);

public sealed record ForwardMessageRequest(long ConversationId, string? ClientMsgId, string? Comment);

public sealed record ReactionDto(string Emoji, int Count, long[] UserIds);

public sealed record MessageDto(
    long Id,
    long ConversationId,
    long Seq,
    long SenderId,
    string Text,
    string? ClientMsgId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? DeletedAt,
    DateTimeOffset? RecalledAt,
    long? ThreadRootId,
    int ReplyCount,
    long? QuoteId,
    long? ForwardedFromId,
    long[] Mentions,
    bool MentionsAll,
    DateTimeOffset? PinnedAt,
    IReadOnlyList<ReactionDto> Reactions,
    IReadOnlyList<FileDto>? Files = null,
    MessageUrgentDto? Urgent = null,
    PollDto? Poll = null,
    BundleDto? Bundle = null,
    CardDto? Card = null);

/// <summary>
/// A page of messages, with the conversation's head (its last seq) as read just before the page: the page reflects at
/// least every event up to <see cref="HeadSeq"/>, so a client can open a timeline from this one answer.
/// </summary>
public sealed record MessagePage(IReadOnlyList<MessageDto> Items, long HeadSeq);

public sealed record ReceiptsDto(long MessageId, long Seq, IReadOnlyList<long> ReadBy, IReadOnlyList<long> UnreadBy);

public sealed record SearchHitDto(MessageDto Message, string Snippet);

public sealed record SearchResponse(IReadOnlyList<SearchHitDto> Items);

/// <summary>
/// One entry of a conversation's append-only log. <see cref="Seq"/> is gap-free per conversation.
/// </summary>
public sealed record EventDto(string Type, long ConversationId, long? Seq, object? Data, DateTimeOffset At);

/// <summary>A custom emoji uploaded by an administrator; reactions name it as ":name:". The image is at <c>/api/v1/custom-emoji/{name}/image</c>.</summary>
public sealed record CustomEmojiDto(string Name, string ContentType, long CreatedBy, DateTimeOffset CreatedAt);
