namespace Parley.Server.Features.Auth;

public sealed class SessionRecord
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public long CreatedAt { get; init; }
    public long LastSeenAt { get; init; }
    public long ExpiresAt { get; init; }
    public string? UserAgent { get; init; }
}
