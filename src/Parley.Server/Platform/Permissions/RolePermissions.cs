using Parley.Contracts;

namespace Parley.Server.Platform.Permissions;

/// <summary>
/// The permissions each role carries. Roles are fixed in code (a company picks which to grant, not what they mean),
/// so an upgrade can add a permission to a role without a data migration.
/// </summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, string[]> Map = new(StringComparer.Ordinal)
    {
        [Roles.SystemAdmin] = [.. Contracts.Permissions.All],
        [Roles.UserAdmin] = [Contracts.Permissions.UsersManage],
        [Roles.ComplianceOfficer] = [Contracts.Permissions.ComplianceRead, Contracts.Permissions.ComplianceManage, Contracts.Permissions.AuditRead],
        [Roles.Auditor] = [Contracts.Permissions.AuditRead],
        [Roles.ServiceAgent] = [Contracts.Permissions.ServiceAgent],
        [Roles.Member] = [],
    };

    public static bool IsGrantable(string role) => Roles.Grantable.Contains(role);

    public static IReadOnlySet<string> Of(IEnumerable<string> roles) =>
        roles.SelectMany(r => Map.TryGetValue(r, out var p) ? p : []).ToHashSet(StringComparer.Ordinal);
}
