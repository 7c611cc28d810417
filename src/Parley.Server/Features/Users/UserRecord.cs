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

    /// <summary>A person from outside the organisation (a guest): marked in clients, screened by rules scoped to external users.</summary>
    public bool IsExternal { get; init; }
    public long CreatedAt { get; init; }
    public IReadOnlyList<string> Roles { get; set; } = [];

    /// <summary>An administrator set the password: the next sign-in must choose a new one before anything else.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>A confirmed TOTP second factor.</summary>
    public bool TotpEnabled { get; init; }
    public string? Title { get; init; }
    public string? Phone { get; init; }
    public string? EmployeeNumber { get; init; }
    public long? ManagerId { get; init; }

    /// <summary>Blob key of the uploaded avatar (user_avatars), null without one; its URL is <see cref="Avatars.AvatarStore.UrlOf"/>.</summary>
    public string? AvatarKey { get; init; }

    /// <summary>"user", or "bot" (issue 17): a bot has no password and acts only through its scoped token.</summary>
    public string Kind { get; init; } = UserKinds.User;

    /// <summary>A bot's scopes (space-separated, see <see cref="Contracts.BotScopes"/>); read with the session only, null otherwise.</summary>
    public string? BotScopes { get; init; }

    public bool IsBot => Kind == UserKinds.Bot;

    public bool IsAdmin => Roles.Contains(Contracts.Roles.SystemAdmin);

    public UserDto ToDto() => new(Id, Username, DisplayName, IsAdmin, IsActive, UnixMs.To(CreatedAt), Roles, AvatarUrl: Avatars.AvatarStore.UrlOf(Id, AvatarKey), IsExternal: IsExternal, IsBot: Kind is UserKinds.Bot or UserKinds.Webhook); // the badge: bots and incoming-webhook identities alike (a visitor is a person)

    /// <summary>
    /// The caller's own record: with the permissions its roles carry (which areas the client shows), whether TOTP is on,
    /// and what the account must do before anything else (<paramref name="requires"/>: an error code, see AccountRestrictions).
    /// </summary>
    public UserDto ToSelfDto(string? requires = null) => ToDto() with
    {
        Permissions = [.. Platform.Permissions.RolePermissions.Of(Roles).Order(StringComparer.Ordinal)],
        TotpEnabled = TotpEnabled,
        Requires = requires,
    };
}

public static class UserKinds
{
    public const string User = "user";
    public const string Bot = "bot";

    /// <summary>An incoming webhook's identity (Features/IncomingWebhooks): posts into its one conversation, never signs in.</summary>
    public const string Webhook = "webhook";

    /// <summary>A website visitor of customer service (Features/Service): external, no password, signs in only by its widget's guest token.</summary>
    public const string Visitor = "visitor";
}
