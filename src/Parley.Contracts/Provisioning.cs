namespace Parley.Contracts;

/// <summary>
/// POST /api/v1/admin/invitations (users.manage; roles also need roles.manage). Everything is optional: <c>email</c> and
/// <c>displayName</c> prefill the invitee's form, <c>roles</c> and <c>departmentIds</c> are applied when the invitation is
/// accepted, <c>expiresInHours</c> is 1–720 (default 168), a single-use invitation (the default) ends with its first acceptance.
/// </summary>
public sealed record CreateInvitationRequest(string? Email = null, string? DisplayName = null, string[]? Roles = null, long[]? DepartmentIds = null,
    int? ExpiresInHours = null, bool SingleUse = true);

/// <summary>An invitation as administrators see it; <c>status</c> is one of <see cref="InvitationStatus"/>.</summary>
public sealed record InvitationDto(long Id, string? Email, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<long> DepartmentIds, bool SingleUse,
    long? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, int AcceptedCount, string Status);

public static class InvitationStatus
{
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Used = "used";
    public const string Revoked = "revoked";
}

/// <summary>Shown once: the link's token (only its hash is kept) and the path of the page that accepts it (<c>/invite/&lt;token&gt;</c>).</summary>
public sealed record CreatedInvitationDto(InvitationDto Invitation, string Token, string Path);

/// <summary>GET /api/v1/invitations/{token} (anonymous): what the invitee's form may show.</summary>
public sealed record InvitationPreviewDto(string? Email, string? DisplayName, DateTimeOffset ExpiresAt);

/// <summary>POST /api/v1/invitations/{token}/accept (anonymous): the new account; the password policy applies.</summary>
public sealed record AcceptInvitationRequest(string? Username, string? DisplayName, string? Password);

/// <summary>A SCIM provisioning token (the secret itself is shown once, at creation).</summary>
public sealed record ScimTokenDto(long Id, string Name, long? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record CreateScimTokenRequest(string? Name);

/// <summary>Shown once: the bearer token for /scim/v2 (it works there only) and the SCIM base path.</summary>
public sealed record CreatedScimTokenDto(ScimTokenDto Token, string Secret, string BasePath);
