using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Users;

/// <summary>A row of <c>users</c> with its granted roles. Never leaves the server: map with <see cref="ToDto"/>.</summary>
public sealed class UserRecord
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";

    /// <summary>Null for users authenticated elsewhere (<see cref="AuthSource"/> other than password).</summary>
    public string? PasswordHash { get; init; }

    /// <summary>The identity provider that owns the account: "password" (Parley itself), later "ldap", "oidc".</summary>
    public string AuthSource { get; init; } = "password";
    public string? ExternalId { get; init; }
    public bool IsActive { get; init; }
    public long CreatedAt { get; init; }
    public IReadOnlyList<string> Roles { get; set; } = [];

    public bool IsAdmin => Roles.Contains(Contracts.Roles.SystemAdmin);

    public UserDto ToDto() => new(Id, Username, DisplayName, IsAdmin, IsActive, UnixMs.To(CreatedAt), Roles);

    /// <summary>The caller's own record: with the permissions its roles carry, so the client knows which areas to show.</summary>
    public UserDto ToSelfDto() => ToDto() with { Permissions = [.. Platform.Permissions.RolePermissions.Of(Roles).Order(StringComparer.Ordinal)] };
}
