namespace Parley.Server.Features.Conversations;

/// <summary>A conversation row joined with the viewing user's membership (Role null when not a member).</summary>
public sealed class ConversationRecord
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string? Name { get; init; }
    public string? Topic { get; init; }
    public string? Announcement { get; init; }
    public bool IsArchived { get; init; }

    /// <summary>The watermark is drawn over this conversation for everyone in it.</summary>
    public bool Watermark { get; init; }
    public string? DirectKey { get; init; }
    public long LastSeq { get; init; }
    public long LastEventId { get; init; }
    public int MemberCount { get; init; }
    public long CreatedBy { get; init; }
    public long CreatedAt { get; init; }
    public long LastActivityAt { get; init; }
    public string? Role { get; init; }
    public long ReadSeq { get; init; }
    public bool Muted { get; init; }
}

public sealed class MemberRecord
{
    public long UserId { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public long ReadSeq { get; init; }
    public bool Muted { get; init; }
    public long JoinedAt { get; init; }
    public string? AvatarKey { get; init; }
}
