using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Users;

/// <summary>
/// The user directory and account lifecycle. Every change is written with its system event (actor, target, address)
/// in the same transaction; granting roles needs roles.manage, and no change may leave the system without an active
/// system administrator.
/// </summary>
public sealed class UserService(UserStore users, WriteQueue writer, Passwords passwords, SessionCache cache, TextPipeline pipeline)
{
    public static void ValidateUsername(string? username)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > 64 || !username.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw ParleyException.Invalid("username", "The username must be 1–64 letters, digits, '.', '_' or '-'.");
    }

    internal static string ValidDisplayName(string? displayName, string fallback)
    {
        var name = string.IsNullOrWhiteSpace(displayName) ? fallback : displayName.Trim();
        if (name.Length > 100 || name.Any(char.IsControl))
            throw ParleyException.Invalid("displayName", "The display name must be at most 100 characters with no control characters.");
        return name;
    }

    private static string[] ValidRoles(IEnumerable<string> roles, Actor actor)
    {
        var set = roles.Distinct(StringComparer.Ordinal).ToArray();
        if (set.FirstOrDefault(r => !RolePermissions.IsGrantable(r)) is { } unknown)
            throw ParleyException.Invalid("roles", $"Unknown role '{unknown}'. Roles: {string.Join(", ", Roles.Grantable)}.");
        if (set.Length > 0) actor.Require(Permissions.RolesManage);
        return set;
    }

    /// <summary>Creates a password user as asked over the API or the CLI: <c>isAdmin</c> is one more way to grant system_admin.</summary>
    public Task<UserRecord> CreateAsync(CreateUserRequest request, Actor actor) =>
        CreateAsync(request.Username, request.Password, request.DisplayName, (request.Roles ?? []).Concat(request.IsAdmin ? [Roles.SystemAdmin] : []), actor,
            mustChangePassword: request.MustChangePassword);

    /// <summary>Creates a password user; with <paramref name="onlyIfNoUsers"/> it is the first-run setup and fails once any user exists.</summary>
    public async Task<UserRecord> CreateAsync(string? username, string? password, string? displayName, IEnumerable<string> roles, Actor actor, bool onlyIfNoUsers = false,
        bool mustChangePassword = false)
    {
        var granted = ValidRoles(roles, actor); // authorization before anything about the input is said
        ValidateUsername(username);
        if (username!.StartsWith(Compliance.PersonalData.ErasureService.UsernamePrefix, StringComparison.OrdinalIgnoreCase))
            throw ParleyException.Invalid("username", "Usernames starting with 'deleted-user-' are reserved for erased accounts.");
        passwords.Validate(password, username);
        var name = await ScreenNameAsync(ValidDisplayName(displayName, username!), actor);
        var hash = passwords.Hash(password!);
        return await writer.ExecuteAsync(w =>
        {
            if (onlyIfNoUsers && UserStore.AnyUser(w))
                throw new ParleyException(409, ErrorCodes.SetupDone, "Setup is already done: an administrator exists.");
            if (UserStore.UsernameTaken(w, username!))
                throw new ParleyException(409, ErrorCodes.Conflict, $"The username '{username}' is taken.");
            var user = UserStore.Insert(w, username!, name, hash, PasswordIdentityProvider.ProviderName, null);
            if (granted.Length > 0) UserStore.SetRoles(w, user.Id, granted);
            if (mustChangePassword) UserStore.SetMustChangePassword(w, user.Id, true);
            SystemLog.Append(w, actor, onlyIfNoUsers ? SystemEventTypes.SetupCompleted : SystemEventTypes.UserCreated, user.Id,
                new { username = user.Username, roles = granted, mustChangePassword });
            return UserStore.Get(w, user.Id)!;
        });
    }

    /// <summary>A display name from elsewhere (a directory sync, a sign-in provider), validated and screened like a typed one.</summary>
    public async Task<string> CleanDisplayNameAsync(string? displayName, string fallback, Actor actor) =>
        await ScreenNameAsync(ValidDisplayName(displayName, fallback), actor);

    internal async Task<string> ScreenNameAsync(string name, Actor actor)
    {
        var screened = await pipeline.ScreenAsync(new TextCandidate(TextKind.DisplayName, name, actor.UserId ?? 0, 0));
        return screened.Text.Trim() is { Length: > 0 } clean ? clean : throw ParleyException.Invalid("displayName", "The display name must not be empty.");
    }

    public async Task<UserRecord> GetAsync(long id) => await users.FindAsync(id) ?? throw ParleyException.NotFound("The user");

    public Task<IReadOnlyList<UserRecord>> SearchAsync(string? query, int? limit, bool includeInactive) =>
        users.SearchAsync(query, Paging.Limit(limit), includeInactive);

    public async Task<UserRecord> UpdateAsync(long id, UpdateUserRequest request, Actor actor)
    {
        string? name = request.DisplayName is null ? null : ValidDisplayName(request.DisplayName, "");
        if (name is "") throw ParleyException.Invalid("displayName", "The display name must not be empty.");
        if (name is not null) name = await ScreenNameAsync(name, actor);
        var replaced = request.Roles is null ? null : ValidRoles(request.Roles, actor);
        if (request.IsAdmin is not null) actor.Require(Permissions.RolesManage);
        var user = await writer.ExecuteAsync(w =>
        {
            var before = UserStore.Get(w, id) ?? throw ParleyException.NotFound("The user");
            var roles = (replaced ?? before.Roles).ToHashSet(StringComparer.Ordinal);
            if (request.IsAdmin == true) roles.Add(Roles.SystemAdmin);
            if (request.IsAdmin == false) roles.Remove(Roles.SystemAdmin);
            var active = request.IsActive ?? before.IsActive;
            if (before.IsAdmin && (!roles.Contains(Roles.SystemAdmin) || !active) && UserStore.CountActiveWithRole(w, Roles.SystemAdmin, id) == 0)
                throw new ParleyException(409, ErrorCodes.LastAdministrator, "This is the last active system administrator; make someone else one first.");
            UserStore.Update(w, id, name, request.IsActive);
            if (request.MustChangePassword is { } must && must != before.MustChangePassword)
            {
                RequirePasswordAccount(before);
                UserStore.SetMustChangePassword(w, id, must);
                SystemLog.Append(w, actor, SystemEventTypes.UserProfileChanged, id, new { mustChangePassword = must });
            }
            if (request.IsExternal is { } external && external != before.IsExternal)
            {
                UserStore.SetExternal(w, id, external);
                SystemLog.Append(w, actor, SystemEventTypes.UserExternalChanged, id, new { external });
            }
            if (name is not null && name != before.DisplayName)
            {
                SystemLog.Append(w, actor, SystemEventTypes.UserRenamed, id, new { from = before.DisplayName, to = name });
                UserUpdates.Publish(w, id); // the new name reaches open clients now, not at their next reload
            }
            if (active != before.IsActive)
            {
                var revoked = active ? (IReadOnlyList<long>)[] : SessionStore.Revoke(w, id, null);
                SystemLog.Append(w, actor, active ? SystemEventTypes.UserActivated : SystemEventTypes.UserDeactivated, id, new { sessionIds = revoked });
            }
            if (!roles.SetEquals(before.Roles))
            {
                var sorted = roles.Order(StringComparer.Ordinal).ToArray();
                UserStore.SetRoles(w, id, sorted);
                SystemLog.Append(w, actor, SystemEventTypes.UserRolesChanged, id, new { from = before.Roles, to = sorted });
            }
            return UserStore.Get(w, id)!;
        });
        // Deactivation ends every session (and closes its hub connections); so does requiring a password change for the
        // hub (the sessions stay, limited to the change, and a reconnect is refused). Other changes only refresh the cached user.
        cache.EvictUser(id, ended: !user.IsActive || user.MustChangePassword);
        return user;
    }

    public async Task ResetPasswordAsync(long id, string? password, bool revokeSessions, Actor actor, bool mustChange = false)
    {
        passwords.Validate(password, (await GetAsync(id)).Username);
        var hash = passwords.Hash(password!);
        await writer.ExecuteAsync(w =>
        {
            var user = UserStore.Get(w, id) ?? throw ParleyException.NotFound("The user");
            RequirePasswordAccount(user);
            UserStore.SetPassword(w, id, hash, mustChange);
            var revoked = revokeSessions ? SessionStore.Revoke(w, id, null) : [];
            SystemLog.Append(w, actor, SystemEventTypes.PasswordReset, id, new { sessionIds = revoked, mustChangePassword = mustChange });
            return 0;
        });
        if (revokeSessions) cache.EvictUser(id);
    }

    public async Task ChangeOwnPasswordAsync(long id, long currentSessionId, string? current, string? next, Actor actor)
    {
        var user = await GetAsync(id);
        RequirePasswordAccount(user);
        if (current is null || !passwords.Verify(user.PasswordHash!, current))
            throw new ParleyException(400, ErrorCodes.InvalidCredentials, "The current password is wrong.");
        passwords.Validate(next, user.Username, "newPassword");
        if (user.MustChangePassword && passwords.Verify(user.PasswordHash!, next!))
            throw ParleyException.Invalid("newPassword", "Choose a password other than the one you were given.");
        var hash = passwords.Hash(next!);
        var revoked = await writer.ExecuteAsync(w =>
        {
            UserStore.SetPassword(w, id, hash); // also clears a required change
            // Other sessions may belong to whoever learned the old password: end them, keep this one.
            var ids = SessionStore.Revoke(w, id, null, exceptSessionId: currentSessionId);
            SystemLog.Append(w, actor, SystemEventTypes.PasswordChanged, id, new { sessionIds = ids });
            return ids;
        });
        cache.EvictSessions(revoked);
        if (user.MustChangePassword) cache.EvictUser(id, ended: false); // this session's restriction ends now
    }

    private static void RequirePasswordAccount(UserRecord user)
    {
        if (user.PasswordHash is null)
            throw new ParleyException(409, ErrorCodes.Conflict, $"This account signs in through {user.AuthSource}; its password is managed there.");
    }
}
