namespace Parley.Contracts;

/// <summary>
/// A user. <c>isAdmin</c> is true for system administrators; <c>roles</c> lists every granted role (see <see cref="Roles"/>).
/// <c>permissions</c>, <c>totpEnabled</c> and <c>requires</c> are set only on the caller's own record (sign-in,
/// <c>GET /users/me</c>): what the client may show, and what the account must do first — <c>password_change_required</c>
/// or <c>totp_enrollment_required</c> (until then every other call answers 403 with that code).
/// <c>isExternal</c>: a person from outside the organisation (a guest); clients mark their name, and sensitive-word rules
/// scoped <c>external</c> screen their texts.
/// </summary>
public sealed record UserDto(long Id, string Username, string DisplayName, bool IsAdmin, bool IsActive, DateTimeOffset CreatedAt, IReadOnlyList<string>? Roles = null,
    IReadOnlyList<string>? Permissions = null, bool? TotpEnabled = null, string? Requires = null, string? AvatarUrl = null, bool IsExternal = false,
    bool IsBot = false);

public sealed record SetupRequest(string? Username, string? Password, string? DisplayName);

/// <summary><c>totpCode</c>: the authenticator's 6 digits, or a recovery code, for accounts with two-factor sign-in.</summary>
public sealed record LoginRequest(string? Username, string? Password, string? TotpCode = null);

public sealed record LoginResponse(string Token, UserDto User, long SessionId, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>isAdmin</c> grants system administrator; <c>roles</c> grants any of <see cref="Roles.Grantable"/> (both need roles.manage).
/// <c>mustChangePassword</c>: the user must choose a new password at the first sign-in.
/// </summary>
public sealed record CreateUserRequest(string? Username, string? Password, string? DisplayName, bool IsAdmin = false, string[]? Roles = null, bool MustChangePassword = false);

/// <summary>
/// Null leaves a field unchanged. <c>roles</c> replaces the granted roles; <c>isAdmin</c> grants or revokes system administrator;
/// <c>mustChangePassword</c> true makes the user choose a new password at the next sign-in (false withdraws that).
/// <c>isExternal</c> marks or unmarks the user as external (a guest from outside the organisation).
/// </summary>
public sealed record UpdateUserRequest(string? DisplayName, bool? IsActive, bool? IsAdmin, string[]? Roles = null, bool? MustChangePassword = null, bool? IsExternal = null);

/// <summary><c>mustChangePassword</c> (default true): the user must replace the password an administrator chose at the next sign-in.</summary>
public sealed record ResetPasswordRequest(string? Password, bool MustChangePassword = true);

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
