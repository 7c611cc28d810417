using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Storage;

namespace Parley.Server.Features.Users;

public sealed class UserService(UserStore users, WriteQueue writer, Passwords passwords, SessionCache cache)
{
    public static void ValidateUsername(string? username)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > 64 || !username.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw ParleyException.Invalid("username", "The username must be 1–64 letters, digits, '.', '_' or '-'.");
    }

    private static string ValidDisplayName(string? displayName, string fallback)
    {
        var name = string.IsNullOrWhiteSpace(displayName) ? fallback : displayName.Trim();
        if (name.Length > 100 || name.Any(char.IsControl))
            throw ParleyException.Invalid("displayName", "The display name must be at most 100 characters with no control characters.");
        return name;
    }

    /// <summary>Creates a user; with <paramref name="onlyIfNoUsers"/> it is the first-run setup and fails once any user exists.</summary>
    public async Task<UserRecord> CreateAsync(string? username, string? password, string? displayName, bool isAdmin, bool onlyIfNoUsers = false)
    {
        ValidateUsername(username);
        passwords.Validate(password, username);
        var name = ValidDisplayName(displayName, username!);
        var hash = passwords.Hash(password!);
        return await writer.ExecuteAsync(w =>
        {
            if (onlyIfNoUsers && UserStore.AnyUser(w))
                throw new ParleyException(409, ErrorCodes.SetupDone, "Setup is already done: an administrator exists.");
            if (UserStore.UsernameTaken(w, username!))
                throw new ParleyException(409, ErrorCodes.Conflict, $"The username '{username}' is taken.");
            return UserStore.Insert(w, username!, name, hash, isAdmin);
        });
    }

    public UserRecord Get(long id) => users.Find(id) ?? throw ParleyException.NotFound("The user");

    public IReadOnlyList<UserRecord> Search(string? query, int? limit, bool includeInactive) =>
        users.Search(query, Paging.Limit(limit), includeInactive);

    public async Task<UserRecord> UpdateAsync(long id, UpdateUserRequest request)
    {
        string? name = request.DisplayName is null ? null : ValidDisplayName(request.DisplayName, "");
        if (name is "") throw ParleyException.Invalid("displayName", "The display name must not be empty.");
        var user = await writer.ExecuteAsync(w =>
        {
            _ = UserStore.Get(w, id) ?? throw ParleyException.NotFound("The user");
            UserStore.Update(w, id, name, request.IsActive, request.IsAdmin);
            if (request.IsActive == false) SessionStore.Revoke(w, id, null);
            return UserStore.Get(w, id)!;
        });
        cache.EvictUser(id);
        return user;
    }

    public async Task ResetPasswordAsync(long id, string? password, bool revokeSessions)
    {
        passwords.Validate(password, Get(id).Username);
        var hash = passwords.Hash(password!);
        await writer.ExecuteAsync(w =>
        {
            _ = UserStore.Get(w, id) ?? throw ParleyException.NotFound("The user");
            UserStore.SetPassword(w, id, hash);
            if (revokeSessions) SessionStore.Revoke(w, id, null);
            return 0;
        });
        if (revokeSessions) cache.EvictUser(id);
    }

    public async Task ChangeOwnPasswordAsync(long id, long currentSessionId, string? current, string? next)
    {
        var user = Get(id);
        if (current is null || !passwords.Verify(user.PasswordHash, current))
            throw new ParleyException(400, ErrorCodes.InvalidCredentials, "The current password is wrong.");
        passwords.Validate(next, user.Username, "newPassword");
        var hash = passwords.Hash(next!);
        await writer.ExecuteAsync(w =>
        {
            UserStore.SetPassword(w, id, hash);
            // Other sessions may belong to whoever learned the old password: end them, keep this one.
            return SessionStore.Revoke(w, id, null, exceptSessionId: currentSessionId);
        });
        cache.EvictUser(id);
    }
}
