namespace Parley.Contracts;

/// <summary>
/// A user. <c>isAdmin</c> is true for system administrators; <c>roles</c> lists every granted role (see <see cref="Roles"/>).
/// <c>permissions</c> is set only on the caller's own record (sign-in, <c>GET /users/me</c>): what the client may show.
/// </summary>
public sealed record UserDto(long Id, string Username, string DisplayName, bool IsAdmin, bool IsActive, DateTimeOffset CreatedAt, IReadOnlyList<string>? Roles = null,
    IReadOnlyList<string>? Permissions = null);

public sealed record SetupRequest(string? Username, string? Password, string? DisplayName);

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string Token, UserDto User, long SessionId, DateTimeOffset ExpiresAt);

/// <summary><c>isAdmin</c> grants system administrator; <c>roles</c> grants any of <see cref="Roles.Grantable"/> (both need roles.manage).</summary>
public sealed record CreateUserRequest(string? Username, string? Password, string? DisplayName, bool IsAdmin = false, string[]? Roles = null);

/// <summary>Null leaves a field unchanged. <c>roles</c> replaces the granted roles; <c>isAdmin</c> grants or revokes system administrator.</summary>
public sealed record UpdateUserRequest(string? DisplayName, bool? IsActive, bool? IsAdmin, string[]? Roles = null);

public sealed record ResetPasswordRequest(string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record SessionDto(long Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? UserAgent, bool Current);

public sealed record PresenceDto(long UserId, string Status, DateTimeOffset? LastSeenAt);

public static class PresenceStatus
{
    public const string Online = "online";
    public const string Away = "away";
    public const string Offline = "offline";
}

/// <summary>POST /auth/hub-ticket: pass <c>Ticket</c> as the hub's access_token; it expires at <c>ExpiresAt</c>.</summary>
public sealed record HubTicketDto(string Ticket, DateTimeOffset ExpiresAt);
