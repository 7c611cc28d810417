namespace Parley.Contracts;

public static class ConversationKinds
{
    public const string Direct = "direct";
    public const string Group = "group";
    public const string Channel = "channel";
}

public static class MemberRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";
}

public sealed record CreateConversationRequest(string? Kind, string? Name, long[]? MemberIds, string? Topic);

public sealed record UpdateConversationRequest(string? Name, string? Topic, string? Announcement, bool? IsArchived);

public sealed record ConversationDto(
    long Id,
    string Kind,
    string? Name,
    string? Topic,
    string? Announcement,
    bool IsArchived,
    long LastSeq,
    long ReadSeq,
    int UnreadCount,
    int MentionCount,
    bool Muted,
    string? Role,
    int MemberCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    long[]? DirectUserIds,
    bool Watermark = false);

/// <summary>Turns the watermark over this conversation on or off for everyone in it.</summary>
public sealed record SetWatermarkRequest(bool Enabled);

public sealed record MemberDto(long UserId, string Username, string DisplayName, string Role, long ReadSeq, bool Muted, DateTimeOffset JoinedAt, string? AvatarUrl = null);

public sealed record AddMembersRequest(long[]? UserIds);

public sealed record SetRoleRequest(string? Role);

public sealed record MuteRequest(bool Muted);

public sealed record MarkReadRequest(long Seq);

public sealed record ListResponse<T>(IReadOnlyList<T> Items);

public sealed record SyncResponse(long Cursor, IReadOnlyList<ConversationDto> Conversations, IReadOnlyList<long> Removed);
