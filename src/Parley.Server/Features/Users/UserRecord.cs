using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Users;

/// <summary>A row of <c>users</c> as stored. Never leaves the server: map with <see cref="ToDto"/>.</summary>
public sealed class UserRecord
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public bool IsAdmin { get; init; }
    public bool IsActive { get; init; }
    public int FailedLogins { get; init; }
    public long? LockedUntil { get; init; }
    public long CreatedAt { get; init; }

    public UserDto ToDto() => new(Id, Username, DisplayName, IsAdmin, IsActive, UnixMs.To(CreatedAt));
}
