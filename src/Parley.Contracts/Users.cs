namespace Parley.Contracts;

public sealed record UserDto(long Id, string Username, string DisplayName, bool IsAdmin, bool IsActive, DateTimeOffset CreatedAt);

public sealed record SetupRequest(string? Username, string? Password, string? DisplayName);

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string Token, UserDto User, long SessionId, DateTimeOffset ExpiresAt);

public sealed record CreateUserRequest(string? Username, string? Password, string? DisplayName, bool IsAdmin = false);

public sealed record UpdateUserRequest(string? DisplayName, bool? IsActive, bool? IsAdmin);

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
