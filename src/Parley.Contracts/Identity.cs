namespace Parley.Contracts;

/// <summary>
/// What a role may do. Administration is a set of roles, each carrying permissions; every administrative endpoint
/// (and hub method) requires one permission, checked by one authorization policy per permission.
/// </summary>
public static class Permissions
{
    /// <summary>Create users, rename, (de)activate, reset passwords.</summary>
    public const string UsersManage = "users.manage";

    /// <summary>Grant and revoke roles (including system administrator).</summary>
    public const string RolesManage = "roles.manage";

    /// <summary>Change server settings and see operational state (durable subscribers, health details).</summary>
    public const string SystemManage = "system.manage";

    /// <summary>Read the audit trail (the system stream).</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Read and export conversations for compliance (e-discovery, legal hold).</summary>
    public const string ComplianceRead = "compliance.read";

    /// <summary>Manage content rules (sensitive words), review flagged content, retention and legal hold.</summary>
    public const string ComplianceManage = "compliance.manage";

    /// <summary>Administer every conversation: search, archive, transfer ownership, membership, default channels, department groups.</summary>
    public const string ConversationsManage = "conversations.manage";

    /// <summary>Manage integrations: bots and their tokens, slash commands, outgoing webhooks and their deliveries, embedding applications.</summary>
    public const string IntegrationsManage = "integrations.manage";

    /// <summary>Write the knowledge base the AI first line answers from (articles and FAQ pairs), and try questions against it.</summary>
    public const string KnowledgeManage = "knowledge.manage";

    /// <summary>Set up customer service: widgets, queues and their agents, canned replies (issue 18).</summary>
    public const string ServiceManage = "service.manage";

    /// <summary>Work as a customer-service agent: queues, accept, transfer, notes, close (issue 18).</summary>
    public const string ServiceAgent = "service.agent";

    public static readonly IReadOnlyList<string> All = [UsersManage, RolesManage, SystemManage, AuditRead, ComplianceRead, ComplianceManage, ConversationsManage, IntegrationsManage, KnowledgeManage, ServiceManage, ServiceAgent];
}

/// <summary>Roles a user can hold. Every user is a member; the others are granted.</summary>
public static class Roles
{
    public const string SystemAdmin = "system_admin";
    public const string UserAdmin = "user_admin";
    public const string ComplianceOfficer = "compliance_officer";
    public const string Auditor = "auditor";
    public const string Member = "member";

    /// <summary>A customer-service agent (service.agent): works the queues it is an agent of.</summary>
    public const string ServiceAgent = "service_agent";

    public static readonly IReadOnlyList<string> Grantable = [SystemAdmin, UserAdmin, ComplianceOfficer, Auditor, ServiceAgent];
}

/// <summary>Values of <see cref="SecurityPolicyDto.RequireTwoFactor"/>.</summary>
public static class TwoFactorRequirement
{
    public const string Off = "off";

    /// <summary>Anyone holding a granted role (system, user or compliance administrator, auditor).</summary>
    public const string Administrators = "administrators";
    public const string Everyone = "everyone";
}

/// <summary>The server's security policy: who must sign in with a second factor (see <see cref="TwoFactorRequirement"/>).</summary>
public sealed record SecurityPolicyDto(string? RequireTwoFactor);

/// <summary>POST /users/me/totp: the new secret (base32), the otpauth:// URI for authenticator apps, and that URI as a QR code (PNG data URI).</summary>
public sealed record TotpEnrollmentDto(string Secret, string OtpauthUri, string QrCode);

public sealed record TotpConfirmRequest(string? Code);

/// <summary>Shown once: each code signs in once instead of a TOTP code. Only their hashes are kept.</summary>
public sealed record RecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);

/// <summary>Turning two-factor sign-in off needs the password or a current code (or a recovery code).</summary>
public sealed record TotpDisableRequest(string? Password, string? Code);
