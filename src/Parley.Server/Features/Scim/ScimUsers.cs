using System.Text.Json.Nodes;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Scim;

/// <summary>
/// SCIM Users over Parley's users. Users SCIM creates get <c>auth_source='scim'</c> and the client's externalId; they sign
/// in through single sign-on, or with a password when the client provisions one. Activation, deactivation and display
/// names go through <see cref="UserService.UpdateAsync"/>, so deactivation ends every session at once and is audited
/// like any other; DELETE deactivates (the account and its history stay).
/// </summary>
public sealed class ScimUsers(ScimStore store, WriteQueue writer, UserService users, Passwords passwords)
{
    public const string AuthSource = "scim";

    public async Task<JsonObject> ListAsync(ScimFilter? filter, int startIndex, int count, string baseUrl)
    {
        var (rows, total, groups) = await store.ListUsersAsync(filter, startIndex - 1, count);
        return ScimJson.List(rows.Select(u => Render(u, groups[u.Id], baseUrl).Resource), total, startIndex);
    }

    public async Task<(JsonObject Resource, string Version)> GetAsync(long id, string baseUrl) =>
        await store.FindUserAsync(id) is { } found ? Render(found.User, found.Groups, baseUrl) : throw ScimException.NotFound("The user");

    private static (JsonObject Resource, string Version) Render(ScimStore.UserRow u, IEnumerable<Contracts.DepartmentRef> groups, string baseUrl)
    {
        var resource = ScimUser.ToResource(u, groups, baseUrl);
        var version = ScimJson.AddMeta(resource, "User", u.CreatedAt, u.UpdatedAt ?? u.CreatedAt, $"{baseUrl}/Users/{u.Id}");
        return (resource, version);
    }

    public async Task<(JsonObject Resource, string Version)> CreateAsync(JsonObject body, Actor actor, string baseUrl)
    {
        var input = ScimUser.From(body);
        var name = await users.ScreenNameAsync(UserService.ValidDisplayName(input.DisplayName, input.UserName), actor);
        var hash = HashOf(input.Password, input.UserName);
        var id = await writer.ExecuteAsync(w =>
        {
            if (ScimStore.UserNameOwner(w, input.UserName) is not null) throw ScimException.Uniqueness($"A user with userName '{input.UserName}' exists.");
            if (input.ExternalId is { } ext && ScimStore.ExternalIdTaken(w, ext, 0)) throw ScimException.Uniqueness($"A user with externalId '{ext}' exists.");
            var username = UsernameFor(w, input.UserName);
            var user = UserStore.Insert(w, username, name, hash, AuthSource, input.ExternalId);
            ScimStore.SaveUser(w, user.Id, input, scimOwned: true);
            SystemLog.Append(w, actor, SystemEventTypes.UserCreated, user.Id, new { username, scimUserName = input.UserName, externalId = input.ExternalId, authSource = AuthSource });
            if (!input.Active)
            {
                UserStore.Update(w, user.Id, null, false);
                SystemLog.Append(w, actor, SystemEventTypes.UserDeactivated, user.Id, new { sessionIds = Array.Empty<long>() });
            }
            return user.Id;
        });
        return await GetAsync(id, baseUrl);
    }

    /// <summary>PUT: the body is the whole new representation. PATCH passes a function that applies its operations to the current one.</summary>
    public async Task<(JsonObject Resource, string Version)> UpdateAsync(long id, Func<JsonObject, JsonObject> next, string? ifMatch, Actor actor, string baseUrl)
    {
        var (current, version) = await GetAsync(id, baseUrl);
        ScimVersions.Check(ifMatch, version);
        var row = (await store.FindUserAsync(id))!.Value.User;
        var before = ScimUser.From(ScimJson.CaseInsensitive(current));
        var input = ScimUser.From(next(ScimJson.CaseInsensitive(current)));
        var hash = HashOf(input.Password, row.Username);
        var changed = Changed(before, input, row.ScimOwned);
        await writer.ExecuteAsync(w =>
        {
            if (changed.Contains("userName") && ScimStore.UserNameOwner(w, input.UserName, id) is not null)
                throw ScimException.Uniqueness($"Another user has userName '{input.UserName}'.");
            if (changed.Contains("externalId") && input.ExternalId is { } ext && ScimStore.ExternalIdTaken(w, ext, id))
                throw ScimException.Uniqueness($"Another user has externalId '{ext}'.");
            ScimStore.SaveUser(w, id, input, row.ScimOwned); // also dates the change (meta.lastModified)
            if (changed.Count > 0) SystemLog.Append(w, actor, SystemEventTypes.ScimUserUpdated, id, new { changed });
            if (hash is not null)
            {
                UserStore.SetPassword(w, id, hash);
                SystemLog.Append(w, actor, SystemEventTypes.PasswordReset, id, new { sessionIds = Array.Empty<long>(), mustChangePassword = false });
            }
            return 0;
        });
        var rename = input.DisplayName is { } dn && dn != row.DisplayName ? dn : null;
        if (rename is not null || input.Active != row.IsActive)
            await users.UpdateAsync(id, new UpdateUserRequest(rename, input.Active != row.IsActive ? input.Active : null, null), actor);
        return await GetAsync(id, baseUrl);
    }

    /// <summary>DELETE deactivates: sessions end at once, the account and what it wrote stay (a hard delete would orphan history).</summary>
    public async Task DeactivateAsync(long id, string? ifMatch, Actor actor, string baseUrl)
    {
        var (_, version) = await GetAsync(id, baseUrl);
        ScimVersions.Check(ifMatch, version);
        await users.UpdateAsync(id, new UpdateUserRequest(null, false, null), actor);
    }

    private static List<string> Changed(ScimUser a, ScimUser b, bool scimOwned)
    {
        var changed = new List<string>();
        void Compare(string name, string? x, string? y) { if (!string.Equals(x, y, StringComparison.Ordinal)) changed.Add(name); }
        Compare("userName", a.UserName, b.UserName);
        if (scimOwned) Compare("externalId", a.ExternalId, b.ExternalId);
        Compare("name.givenName", a.GivenName, b.GivenName);
        Compare("name.familyName", a.FamilyName, b.FamilyName);
        Compare("emails", a.Email, b.Email);
        Compare("phoneNumbers", a.Phone, b.Phone);
        Compare("title", a.Title, b.Title);
        Compare("employeeNumber", a.EmployeeNumber, b.EmployeeNumber);
        return changed;
    }

    private string? HashOf(string? password, string username)
    {
        if (password is null) return null;
        passwords.Validate(password, username);
        return passwords.Hash(password);
    }

    /// <summary>
    /// The Parley username for a SCIM userName: itself when it is a valid username, else the part before '@' with other
    /// characters dropped (identity providers send e-mail addresses, and '@' starts a mention in Parley); a number is
    /// appended while the name is taken.
    /// </summary>
    private static string UsernameFor(WriteContext w, string userName)
    {
        var stem = IsValidUsername(userName) ? userName : new string(userName.Split('@')[0].Where(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-').Take(56).ToArray());
        if (stem.Length == 0) stem = "user";
        if (!UserStore.UsernameTaken(w, stem)) return stem;
        for (var n = 2; n < 1000; n++)
            if (!UserStore.UsernameTaken(w, stem + n)) return stem + n;
        throw ScimException.Uniqueness($"No free username near '{stem}'.");
    }

    private static bool IsValidUsername(string s)
    {
        try { UserService.ValidateUsername(s); return true; }
        catch (ParleyException) { return false; }
    }
}

/// <summary>If-Match (RFC 7644 §3.14): a stale version is 412; "*" or no header matches any.</summary>
public static class ScimVersions
{
    public static void Check(string? ifMatch, string version)
    {
        if (string.IsNullOrEmpty(ifMatch) || ifMatch.Trim() == "*") return;
        if (!ifMatch.Split(',').Any(v => v.Trim() == version))
            throw new ScimException(412, null, "The resource changed since that version was read (If-Match).");
    }
}
