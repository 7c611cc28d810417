namespace Parley.Server.Features.Auth;

public sealed class SessionRecord
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public long CreatedAt { get; init; }
    public long LastSeenAt { get; init; }
    public long ExpiresAt { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>What the session may reach (<see cref="Platform.Identity.SessionScope"/>); null for a sign-in.</summary>
    public string? Scope { get; init; }
}
