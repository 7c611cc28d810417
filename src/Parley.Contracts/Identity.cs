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

    public static readonly IReadOnlyList<string> All = [UsersManage, RolesManage, SystemManage, AuditRead, ComplianceRead, ComplianceManage];
}

/// <summary>Roles a user can hold. Every user is a member; the others are granted.</summary>
public static class Roles
{
    public const string SystemAdmin = "system_admin";
    public const string UserAdmin = "user_admin";
    public const string ComplianceOfficer = "compliance_officer";
    public const string Auditor = "auditor";
    public const string Member = "member";

    public static readonly IReadOnlyList<string> Grantable = [SystemAdmin, UserAdmin, ComplianceOfficer, Auditor];
}
