using Parley.Contracts;

namespace Parley.Server.Features.Ldap;

/// <summary>
/// Parley:Ldap — the LDAP / Active Directory connection, used until an administrator saves settings in the console
/// (then the <c>settings</c> row <see cref="LdapSettings.Key"/> wins, on every node). The same shape is stored there as JSON.
/// </summary>
public sealed class LdapOptions
{
    public const string Section = "Parley:Ldap";

    public bool Enabled { get; set; }

    /// <summary><c>ldap://host:389</c> or <c>ldaps://host:636</c>.</summary>
    public string? Url { get; set; }

    /// <summary>The service account that searches the directory (empty: anonymous search).</summary>
    public string? BindDn { get; set; }
    public string? BindPassword { get; set; }
    public string? BaseDn { get; set; }

    /// <summary>Finds the account of a typed username; <c>{0}</c> is replaced by the username, escaped per RFC 4515.</summary>
    public string UserFilter { get; set; } = "(&(objectClass=inetOrgPerson)(uid={0}))";

    /// <summary>Selects the accounts the sync brings in; empty: <see cref="UserFilter"/> with <c>{0}</c> as <c>*</c>.</summary>
    public string? SyncFilter { get; set; }

    /// <summary>Accounts matching this (within the sync filter) are treated as disabled; AD's userAccountControl bit 2 always is.</summary>
    public string? DisabledFilter { get; set; }

    /// <summary>entryUUID (OpenLDAP), objectGUID (Active Directory) or dn.</summary>
    public string IdAttribute { get; set; } = LdapIdAttributes.EntryUuid;

    /// <summary>ou (the OUs between the account and the base DN become a department path), attribute, or none.</summary>
    public string DepartmentSource { get; set; } = LdapDepartmentSources.OrganizationalUnits;

    public LdapAttributes Attributes { get; set; } = new();

    /// <summary>How often the sync runs; zero: only when an administrator asks.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Deactivate Parley accounts whose directory entry is gone or no longer matches the sync filter.</summary>
    public bool DeactivateMissing { get; set; } = true;

    /// <summary>Connection and operation time limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public LdapOptions Copy()
    {
        var copy = (LdapOptions)MemberwiseClone();
        copy.Attributes = Attributes with { };
        return copy;
    }

    /// <summary>The sync's filter: <see cref="SyncFilter"/>, or the sign-in filter matching every username.</summary>
    public string EffectiveSyncFilter => string.IsNullOrWhiteSpace(SyncFilter) ? UserFilter.Replace("{0}", "*", StringComparison.Ordinal) : SyncFilter;

    public bool Configured => Enabled && !string.IsNullOrWhiteSpace(Url) && !string.IsNullOrWhiteSpace(BaseDn);
}

/// <summary>Directory attribute names of the profile fields (defaults: OpenLDAP's inetOrgPerson).</summary>
public sealed record LdapAttributes
{
    public string Username { get; set; } = "uid";
    public string DisplayName { get; set; } = "cn";
    public string? Email { get; set; } = "mail";
    public string? Title { get; set; } = "title";
    public string? Phone { get; set; } = "telephoneNumber";
    public string? EmployeeNumber { get; set; } = "employeeNumber";

    /// <summary>With DepartmentSource=attribute: the attribute naming the department (AD: department; OpenLDAP: departmentNumber or ou).</summary>
    public string? Department { get; set; } = "departmentNumber";
}
