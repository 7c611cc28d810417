using System.Buffers.Text;
using System.Security.Cryptography;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Organisation;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.Identity;
using Parley.Server.Platform.Permissions;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Invitations;

/// <summary>
/// Invitations by link: an administrator (users.manage; roles also need roles.manage) makes a link that lets one person
/// (or, when not single-use, several) create their own password account until it expires or is revoked; the roles and
/// departments chosen by the administrator are applied on acceptance, and the invitee is signed in. Only the token's
/// hash is stored. Every state that makes a link unusable answers the same 404, so links cannot be probed.
/// </summary>
public sealed class InvitationService(InvitationStore store, WriteQueue writer, Passwords passwords, UserService users, SessionIssuer issuer)
{
    public const string TokenPrefix = "pli_";
    public const int DefaultHours = 168, MaxHours = 720;

    public static ParleyException Unusable() =>
        new(404, ErrorCodes.InvitationNotFound, "This invitation link is unknown, expired, already used or revoked. Ask for a new one.");

    public async Task<IReadOnlyList<InvitationDto>> ListAsync(Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return (await store.ListAsync(200)).Select(r => r.ToDto(now)).ToList();
    }

    public async Task<CreatedInvitationDto> CreateAsync(CreateInvitationRequest request, Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        var roles = (request.Roles ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (roles.FirstOrDefault(r => !RolePermissions.IsGrantable(r)) is { } unknown)
            throw ParleyException.Invalid("roles", $"Unknown role '{unknown}'. Roles: {string.Join(", ", Roles.Grantable)}.");
        if (roles.Length > 0) actor.Require(Contracts.Permissions.RolesManage);
        var email = request.Email?.Trim() is { Length: > 0 } e ? e : null;
        if (email is not null && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal) || email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
            throw ParleyException.Invalid("email", "The e-mail address is not valid.");
        var name = string.IsNullOrWhiteSpace(request.DisplayName) ? null : UserService.ValidDisplayName(request.DisplayName, "");
        var hours = request.ExpiresInHours ?? DefaultHours;
        if (hours is < 1 or > MaxHours) throw ParleyException.Invalid("expiresInHours", $"An invitation lasts 1 to {MaxHours} hours.");
        var departments = (request.DepartmentIds ?? []).Distinct().ToArray();
        if (departments.Length > 50) throw ParleyException.Invalid("departmentIds", "At most 50 departments.");
        var token = TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var row = await writer.ExecuteAsync(w =>
        {
            if (departments.FirstOrDefault(d => DepartmentStore.Get(w, d) is null) is var missing and not 0)
                throw ParleyException.Invalid("departmentIds", $"There is no department {missing}.");
            var expiresAt = w.NowMs + (long)TimeSpan.FromHours(hours).TotalMilliseconds;
            var id = InvitationStore.Insert(w, Tokens.Hash(token), email, name, roles, departments, request.SingleUse, actor.UserId, expiresAt);
            SystemLog.Append(w, actor, SystemEventTypes.UserInvited, id, new { email, roles, departmentIds = departments, singleUse = request.SingleUse, expiresAt });
            return InvitationStore.Get(w, id)!;
        });
        return new CreatedInvitationDto(row.ToDto(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), token, "/invite/" + token);
    }

    public async Task RevokeAsync(long id, Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        await writer.ExecuteAsync(w =>
        {
            _ = InvitationStore.Get(w, id) ?? throw ParleyException.NotFound("The invitation");
            if (InvitationStore.Revoke(w, id)) SystemLog.Append(w, actor, SystemEventTypes.InvitationRevoked, id);
            return 0;
        });
    }

    public async Task<InvitationPreviewDto> PreviewAsync(string token)
    {
        var row = await FindUsableAsync(token);
        return new InvitationPreviewDto(row.Email, row.DisplayName, UnixMs.To(row.ExpiresAt));
    }

    private async Task<InvitationStore.Row> FindUsableAsync(string token)
    {
        if (!IsWellFormed(token) || await store.FindByHashAsync(Tokens.Hash(token)) is not { } row
            || row.StatusAt(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) != InvitationStatus.Active)
            throw Unusable();
        return row;
    }

    private static bool IsWellFormed(string? token) => token is { Length: > 4 and <= 100 } && token.StartsWith(TokenPrefix, StringComparison.Ordinal);

    /// <summary>Creates the invitee's account with the invitation's roles and departments and signs them in.</summary>
    public async Task<LoginResponse> AcceptAsync(string token, AcceptInvitationRequest request, Actor actor, string? userAgent)
    {
        var invitation = await FindUsableAsync(token); // a dead link says so before anything about the form
        UserService.ValidateUsername(request.Username);
        var username = request.Username!;
        passwords.Validate(request.Password, username);
        var name = await users.ScreenNameAsync(UserService.ValidDisplayName(request.DisplayName ?? invitation.DisplayName, username), actor);
        var hash = passwords.Hash(request.Password!);
        var hashOfToken = Tokens.Hash(token);
        var user = await writer.ExecuteAsync(w =>
        {
            // Checked again in the writer: two people racing for a single-use link cannot both get in.
            var row = InvitationStore.FindByHash(w, hashOfToken);
            if (row is null || row.StatusAt(w.NowMs) != InvitationStatus.Active) throw Unusable();
            if (UserStore.UsernameTaken(w, username))
                throw new ParleyException(409, ErrorCodes.Conflict, $"The username '{username}' is taken; choose another.");
            var created = UserStore.Insert(w, username, name, hash, PasswordIdentityProvider.ProviderName, null);
            var self = actor with { UserId = created.Id };
            var roles = row.RoleList;
            if (roles.Count > 0) UserStore.SetRoles(w, created.Id, roles);
            SystemLog.Append(w, self, SystemEventTypes.UserCreated, created.Id, new { username, roles, invitationId = row.Id, invitedBy = row.CreatedBy });
            foreach (var department in row.DepartmentList)
                if (DepartmentStore.Get(w, department) is not null && DepartmentStore.AddMember(w, department, created.Id))
                    SystemLog.Append(w, self, SystemEventTypes.DepartmentMemberAdded, department, new { userId = created.Id, invitationId = row.Id });
            InvitationStore.CountAcceptance(w, row.Id);
            SystemLog.Append(w, self, SystemEventTypes.InvitationAccepted, created.Id, new { invitationId = row.Id, invitedBy = row.CreatedBy });
            return UserStore.Get(w, created.Id)!;
        });
        return await issuer.IssueAsync(user, new SessionRequest(PasswordIdentityProvider.ProviderName, actor with { UserId = user.Id }, userAgent));
    }
}
