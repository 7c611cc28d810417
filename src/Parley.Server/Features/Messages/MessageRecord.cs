namespace Parley.Server.Features.Messages;

public sealed class MessageRecord
{
    public long Id { get; init; }
    public long ConversationId { get; init; }
    public long Seq { get; init; }
    public long SenderId { get; init; }
    public string Text { get; init; } = "";
    public string? ClientMsgId { get; init; }
    public long? ThreadRootId { get; init; }
    public int ReplyCount { get; init; }
    public long? QuoteId { get; init; }
    public long? ForwardedFromId { get; init; }
    public string? Mentions { get; init; }
    public bool MentionsAll { get; init; }
    public long CreatedAt { get; init; }
    public long? EditedAt { get; init; }
    public long? DeletedAt { get; init; }
    public long? RecalledAt { get; init; }
    public long? PinnedAt { get; init; }
    /// <summary>When a retention purge removed the content (issue 16); null while it is kept.</summary>
    public long? PurgedAt { get; init; }
}
